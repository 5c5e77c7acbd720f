package io.seed.bundler.core.builder;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps one bundle's operations out of each other's senders' storage: when the validation of one
 * operation used the storage of another's sender, the other's validation or execution earlier in
 * the bundle can change what the first one read, and the whole bundle reverts. The storage is what
 * the trace recorded ({@link PoolEntry#storage()}); untraced entries record none. This is where
 * ERC-7562 STO-041 is enforced: the pool admits such operations side by side, and the ERC-4337
 * reference bundler likewise applies the rule only when it builds a bundle.
 */
final class SenderStorageConflicts {
  private final Set<Address> senders = new HashSet<>();
  private final Set<Address> touched = new HashSet<>();

  /**
   * Whether {@code entry}'s validation used the storage of the sender of an operation taken
   * already, or an operation taken already used the storage of {@code entry}'s sender.
   */
  boolean conflicts(PoolEntry entry) {
    return touched.contains(entry.sender())
        || entry.storage().contracts().stream().anyMatch(senders::contains);
  }

  /** Counts {@code entry} in. */
  void take(PoolEntry entry) {
    senders.add(entry.sender());
    touched.addAll(entry.storage().contracts());
  }
}
