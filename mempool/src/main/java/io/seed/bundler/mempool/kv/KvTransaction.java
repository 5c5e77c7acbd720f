package io.seed.bundler.mempool.kv;

/**
 * A set of writes applied atomically by {@link #commit()}. Use with try-with-resources: closing a
 * transaction that was not committed discards its writes. Not thread-safe.
 */
public interface KvTransaction extends AutoCloseable {

  /** Stores {@code value} under {@code key}, replacing any value there. */
  <K, V> void put(KvColumn<K, V> column, K key, V value);

  /** Removes {@code key}; absent keys are ignored. */
  <K, V> void delete(KvColumn<K, V> column, K key);

  /** Stores a variable. */
  <T> void put(KvVariable<T> variable, T value);

  /**
   * Applies every write at once, synced as the store's {@link SyncMode} says.
   *
   * @throws KvStoreException when the write failed; then none of it was applied
   */
  void commit();

  /** Discards the writes unless they were committed. */
  @Override
  void close();
}
