/**
 * The UserOperation mempool: the in-memory indexes, the admission rules (duplicates, fee-bumped
 * replacement, per-sender limits, ERC-7562 entity roles, caps with eviction), and the durable
 * mempool on RocksDB with group commit and recovery on start.
 */
package io.seed.bundler.mempool;
