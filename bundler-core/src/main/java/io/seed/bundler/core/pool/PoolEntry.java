package io.seed.bundler.core.pool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated operation as the pool holds it.
 *
 * @param userOpHash the operation's hash under its EntryPoint
 * @param entryPoint the EntryPoint it was sent to
 * @param operation the operation itself
 * @param validAfter seconds since the epoch before which it may not be included (0: no bound)
 * @param validUntil seconds since the epoch after which it may not be included (0: no bound)
 * @param receivedAt when the bundler accepted it
 * @param stakes the entities' stakes as validation reported them ({@link EntityStakes#NONE}:
 *     every entity counts as unstaked)
 * @param codeHashes the code hashes of the contracts validation touched, re-checked before
 *     bundling ({@link CodeHashes#NONE} when validation was not traced)
 * @param storage the contracts whose storage validation used ({@link AccessedStorage#NONE} when
 *     validation was not traced)
 */
public record PoolEntry(
    Bytes32 userOpHash,
    EntryPoint entryPoint,
    PackedUserOperation operation,
    long validAfter,
    long validUntil,
    Instant receivedAt,
    EntityStakes stakes,
    CodeHashes codeHashes,
    AccessedStorage storage) {
  public PoolEntry {
    Objects.requireNonNull(userOpHash, "userOpHash");
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(codeHashes, "codeHashes");
    Objects.requireNonNull(storage, "storage");
  }

  /** The sender account. */
  public Address sender() {
    return operation.sender();
  }
}
