package io.seed.bundler.core.chain;

import io.seed.bundler.core.types.Bytes32;
import java.util.List;
import java.util.Optional;

/**
 * The index of included UserOperations by hash, kept by the {@link ChainWatcher}. Implementations
 * are safe for concurrent use: the watcher writes while RPC look-ups read.
 */
public interface IncludedOperations {

  /**
   * Indexes an operation; a later record for the same hash replaces the earlier one (the
   * operation was included again after a reorg).
   */
  void put(IncludedOperation operation);

  /**
   * Indexes several operations, in order, as {@link #put} does; a durable index writes them
   * together.
   */
  default void putAll(List<IncludedOperation> operations) {
    operations.forEach(this::put);
  }

  /** The record for {@code userOpHash}, if indexed. */
  Optional<IncludedOperation> get(Bytes32 userOpHash);

  /**
   * Un-indexes every operation recorded in the block with {@code blockHash}, because that block
   * left the canonical chain.
   *
   * @return the records removed
   */
  List<IncludedOperation> removeBlock(Bytes32 blockHash);

  /** Number of indexed operations. */
  int size();
}
