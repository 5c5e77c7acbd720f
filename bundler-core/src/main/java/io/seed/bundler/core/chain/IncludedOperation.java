package io.seed.bundler.core.chain;

import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import java.util.Objects;
import java.util.Optional;

/**
 * One UserOperation found executed in a block.
 *
 * @param entryPoint the EntryPoint that emitted its {@code UserOperationEvent}
 * @param poolEntry the pool's entry when the pool held the operation, {@code null} otherwise; it
 *     goes back into the pool if the block leaves the canonical chain
 * @param event the decoded {@code UserOperationEvent}
 */
public record IncludedOperation(
    Bytes32 userOpHash,
    EntryPoint entryPoint,
    PoolEntry poolEntry,
    long blockNumber,
    Bytes32 blockHash,
    Bytes32 transactionHash,
    UserOperationEvent event) {
  public IncludedOperation {
    Objects.requireNonNull(userOpHash, "userOpHash");
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(event, "event");
  }

  /** The pool's entry, when the pool held the operation. */
  public Optional<PoolEntry> pendingEntry() {
    return Optional.ofNullable(poolEntry);
  }
}
