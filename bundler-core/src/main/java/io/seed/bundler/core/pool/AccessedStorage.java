package io.seed.bundler.core.pool;

import io.seed.bundler.core.types.Address;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contracts whose storage an operation's validation read or wrote, other than its sender's own
 * and the EntryPoint's, as the trace showed them. A bundle never carries an operation whose
 * validation touched the storage of another of its operations' senders (ERC-7562 STO-041, applied
 * per bundle as the ERC-4337 reference bundler and spec tests apply it); the pool admits such
 * operations side by side. Empty when validation was not traced ({@code --unsafe}).
 *
 * @param contracts every contract whose storage validation used
 */
public record AccessedStorage(Set<Address> contracts) {
  /** Nothing recorded. */
  public static final AccessedStorage NONE = new AccessedStorage(Set.of());

  public AccessedStorage {
    // Sorted, so the persisted form is stable.
    contracts = Collections.unmodifiableSortedSet(
        new TreeSet<>(Objects.requireNonNull(contracts, "contracts")));
  }
}
