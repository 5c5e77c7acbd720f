/** The mempool interface that the RPC methods and the bundle builder depend on. */
package io.seed.bundler.core.pool;
