package io.seed.bundler.mempool.kv;

import java.util.Optional;
import java.util.function.BiConsumer;

/** Typed access to a key-value store laid out by a {@link KvSchema}. Thread-safe. */
public interface KvStore extends AutoCloseable {

  /** The value of a variable, if it was ever stored. */
  <T> Optional<T> get(KvVariable<T> variable);

  /**
   * The value stored under {@code key} in {@code column}, if any.
   *
   * @throws KvStoreException when the store cannot be read or the record is corrupt
   */
  <K, V> Optional<V> get(KvColumn<K, V> column, K key);

  /**
   * Calls {@code action} for every entry of {@code column}, in key byte order.
   *
   * @throws KvStoreException when the store cannot be read or a record is corrupt
   */
  <K, V> void forEach(KvColumn<K, V> column, BiConsumer<? super K, ? super V> action);

  /** A new transaction; nothing is written until it is committed. */
  KvTransaction startTransaction();

  /**
   * A new transaction whose commit never waits for the disk, whatever the store's {@link
   * SyncMode}: its writes survive a crash of the process, and become as durable as the store's
   * other writes with the next commit that syncs. For records that may lag a little behind after
   * a power loss but must not slow the writes that are waited on.
   */
  KvTransaction startUnsyncedTransaction();

  /** Releases the store; later calls fail with {@link KvStoreException}. */
  @Override
  void close();
}
