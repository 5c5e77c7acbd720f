package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.types.Address;
import java.util.Objects;

/**
 * The stored form of one entity's counts under one EntryPoint. A record with both counts zero
 * stands for no record: writing it deletes the entity's counts.
 *
 * @param entryPoint the EntryPoint's address
 * @param entity the entity's address
 * @param opsSeen the decayed count of admitted operations naming the entity
 * @param opsIncluded the decayed count of those seen included
 */
public record ReputationRecord(Address entryPoint, Address entity, long opsSeen, long opsIncluded) {
  public ReputationRecord {
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(entity, "entity");
    if (opsSeen < 0 || opsIncluded < 0) {
      throw new IllegalArgumentException("reputation counts must not be negative");
    }
  }

  /** Whether this record stands for no record at all. */
  public boolean isEmpty() {
    return opsSeen == 0 && opsIncluded == 0;
  }
}
