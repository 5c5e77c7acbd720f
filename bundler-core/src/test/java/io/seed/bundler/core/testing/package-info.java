/**
 * Test support shared with the other modules through bundler-core's test-jar: a real anvil per
 * test class with the EntryPoints deployed.
 */
package io.seed.bundler.core.testing;
