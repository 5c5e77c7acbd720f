/**
 * Benchmarks of {@code io.seed.bundler.core.sessionkey.crypto}: checking a session key's
 * signature against its cached public key, and the generic recovery it replaces.
 */
package io.seed.bundler.bench.core.sessionkey.crypto;
