/**
 * The mempool interface that the RPC methods and the bundle builder depend on, and the pool entry
 * with what validation recorded for them (stakes, code hashes, the storage it used).
 */
package io.seed.bundler.core.pool;
