/**
 * The UserOperation mempool: the in-memory indexes, the admission rules (duplicates, fee-bumped
 * replacement, per-sender limits, ERC-7562 entity roles, reputation and stake rules, caps with
 * eviction), the durable mempool on RocksDB with group commit and recovery on start, and the
 * store's other records: reputation and the included operations behind receipts.
 */
package io.seed.bundler.mempool;
