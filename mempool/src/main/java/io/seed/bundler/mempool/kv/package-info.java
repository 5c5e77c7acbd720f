/**
 * A typed key-value store on RocksDB: columns and variables with permanent ids, serializers per
 * type, a schema version that is checked on open, and atomic transactions. It knows nothing about
 * UserOperations; the mempool declares its schema on top of it.
 */
package io.seed.bundler.mempool.kv;
