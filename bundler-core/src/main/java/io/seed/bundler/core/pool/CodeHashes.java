package io.seed.bundler.core.pool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code EXTCODEHASH} of every contract an operation's validation touched, as it was when the
 * operation was validated; ERC-7562 COD-010 drops the operation when one differs right before
 * bundling. Empty when validation ran without a trace ({@code --unsafe}).
 *
 * @param hashes address → code hash (zero for an account that does not exist)
 */
public record CodeHashes(Map<Address, Bytes32> hashes) {
  /** Nothing recorded. */
  public static final CodeHashes NONE = new CodeHashes(Map.of());

  public CodeHashes {
    // Sorted, so the persisted form and the order of the re-check request are stable.
    hashes = Collections.unmodifiableSortedMap(
        new TreeMap<>(Objects.requireNonNull(hashes, "hashes")));
  }
}
