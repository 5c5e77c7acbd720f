package io.seed.bundler.mempool;

import io.seed.bundler.mempool.kv.KvColumn;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.kv.KvTransaction;
import io.seed.bundler.mempool.kv.KvVariable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A real store whose commits can be made to fail the way RocksDB does on a full disk, which a
 * test cannot bring about on the real file system.
 */
final class FaultyKvStore implements KvStore {
  private final KvStore delegate;
  private final AtomicBoolean diskFull = new AtomicBoolean();

  FaultyKvStore(KvStore delegate) {
    this.delegate = delegate;
  }

  void diskFull(boolean full) {
    diskFull.set(full);
  }

  @Override
  public <T> Optional<T> get(KvVariable<T> variable) {
    return delegate.get(variable);
  }

  @Override
  public <K, V> Optional<V> get(KvColumn<K, V> column, K key) {
    return delegate.get(column, key);
  }

  @Override
  public <K, V> void forEach(KvColumn<K, V> column, BiConsumer<? super K, ? super V> action) {
    delegate.forEach(column, action);
  }

  @Override
  public KvTransaction startTransaction() {
    return failingWhenFull(delegate.startTransaction());
  }

  @Override
  public KvTransaction startUnsyncedTransaction() {
    return failingWhenFull(delegate.startUnsyncedTransaction());
  }

  private KvTransaction failingWhenFull(KvTransaction tx) {
    return new KvTransaction() {
      @Override
      public <K, V> void put(KvColumn<K, V> column, K key, V value) {
        tx.put(column, key, value);
      }

      @Override
      public <K, V> void delete(KvColumn<K, V> column, K key) {
        tx.delete(column, key);
      }

      @Override
      public <T> void put(KvVariable<T> variable, T value) {
        tx.put(variable, value);
      }

      @Override
      public void commit() {
        if (diskFull.get()) {
          throw new KvStoreException(
              "cannot write to the database: IO error: No space left on device");
        }
        tx.commit();
      }

      @Override
      public void close() {
        tx.close();
      }
    };
  }

  @Override
  public void close() {
    delegate.close();
  }
}
