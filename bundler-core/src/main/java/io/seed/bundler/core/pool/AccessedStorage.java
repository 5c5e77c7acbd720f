package io.seed.bundler.core.pool;

import io.seed.bundler.core.types.Address;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The contracts whose storage an operation's validation read or wrote, other than its sender's own
 * and the EntryPoint's, as the trace showed them. The pool refuses an operation that used
 * associated storage in a contract that is the sender of another pooled operation, and the
 * reverse (ERC-7562 STO-041); a bundle never carries an operation whose validation touched the
 * storage of another of its operations' senders. Empty when validation was not traced ({@code
 * --unsafe}).
 *
 * @param contracts every contract whose storage validation used
 * @param associated those of {@code contracts} in which it used storage associated with its
 *     account or with a staked factory or paymaster
 */
public record AccessedStorage(Set<Address> contracts, Set<Address> associated) {
  /** Nothing recorded. */
  public static final AccessedStorage NONE = new AccessedStorage(Set.of(), Set.of());

  public AccessedStorage {
    // Sorted, so the persisted form is stable.
    contracts = Collections.unmodifiableSortedSet(
        new TreeSet<>(Objects.requireNonNull(contracts, "contracts")));
    associated = Collections.unmodifiableSortedSet(
        new TreeSet<>(Objects.requireNonNull(associated, "associated")));
    if (!contracts.containsAll(associated)) {
      throw new IllegalArgumentException(
          "associated storage in contracts not among the accessed ones: " + associated);
    }
  }
}
