package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import java.util.List;
import java.util.Optional;

/**
 * What one admission, removal or clearing does to the pool: the operations it removes (applied
 * first) and those it adds. The same change is applied to the indexes and written to the store.
 *
 * @param removed operations taken out: a replaced one, evicted ones, removed ones
 * @param added operations put in
 * @param replaced the operation an admission replaced (same sender and nonce), if any
 */
record PoolChange(
    List<PooledOperation> removed, List<PooledOperation> added, Optional<PoolEntry> replaced) {
  PoolChange {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  /** A change that only takes operations out. */
  static PoolChange removing(List<PooledOperation> removed) {
    return new PoolChange(removed, List.of(), Optional.empty());
  }

  boolean isEmpty() {
    return removed.isEmpty() && added.isEmpty();
  }
}
