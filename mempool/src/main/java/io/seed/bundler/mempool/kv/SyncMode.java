package io.seed.bundler.mempool.kv;

/** How far a committed transaction is pushed towards the disk before {@code commit()} returns. */
public enum SyncMode {
  /**
   * The write-ahead log is fsynced: a committed write survives a crash of the process and of the
   * machine. The default.
   */
  DURABLE,
  /**
   * The write-ahead log is handed to the operating system without fsync: a committed write
   * survives a crash of the process but may be lost when the machine loses power.
   */
  UNSYNCED
}
