/**
 * The embedded development chain: starting anvil from the e2e packages, deploying the EntryPoints
 * and SimpleAccountFactories at their canonical addresses, funding accounts, and the well-known
 * anvil dev keys.
 */
package io.seed.bundler.core.devchain;
