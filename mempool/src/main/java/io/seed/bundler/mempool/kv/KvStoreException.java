package io.seed.bundler.mempool.kv;

/**
 * The store could not be opened, read or written: an unreadable or foreign database, an unknown
 * schema version, a corrupt record, a full disk, a closed store. The message says which.
 */
public final class KvStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a cause from below (RocksDB, the file system). */
  public KvStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure detected by the store itself. */
  public KvStoreException(String message) {
    super(message);
  }
}
