package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.types.Address;
import java.util.Objects;

/**
 * One entity's reputation under one EntryPoint, as {@code debug_bundler_dumpReputation} lists it
 * and {@code debug_bundler_setReputation} sets it.
 *
 * @param address the entity (sender, factory or paymaster)
 * @param opsSeen valid operations naming it that this bundler admitted, decayed hourly
 * @param opsIncluded of those, how many were seen included on chain, decayed hourly
 * @param status the status that follows from the two counts
 */
public record ReputationEntry(
    Address address, long opsSeen, long opsIncluded, ReputationStatus status) {
  public ReputationEntry {
    Objects.requireNonNull(address, "address");
    if (opsSeen < 0 || opsIncluded < 0) {
      throw new IllegalArgumentException(
          "opsSeen and opsIncluded must not be negative, got " + opsSeen + " and " + opsIncluded);
    }
    Objects.requireNonNull(status, "status");
  }
}
