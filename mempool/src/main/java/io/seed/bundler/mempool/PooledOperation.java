package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import java.util.Objects;

/**
 * An entry as the pool keeps and stores it: with the sequence number of its arrival, which orders
 * {@code dump} and breaks ties between equal tips, and survives restarts.
 */
record PooledOperation(long sequence, PoolEntry entry) {
  PooledOperation {
    Objects.requireNonNull(entry, "entry");
  }
}
