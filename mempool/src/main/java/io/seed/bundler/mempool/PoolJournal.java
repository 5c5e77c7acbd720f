package io.seed.bundler.mempool;

import java.util.List;

/** Where the pool's changes are made durable before they take effect. */
interface PoolJournal {

  /** Keeps nothing: a pool that lives only in memory. */
  PoolJournal NONE = changes -> {};

  /**
   * Writes {@code changes} atomically, in order.
   *
   * @throws io.seed.bundler.mempool.kv.KvStoreException when they could not be written; then none
   *     of them was
   */
  void write(List<PoolChange> changes);
}
