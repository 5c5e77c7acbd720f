package io.seed.bundler.core.erc7562;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Set;

/**
 * The slots of one contract a validation phase read and wrote, persistent and transient alike
 * (ERC-7562 OP-070 treats {@code TLOAD}/{@code TSTORE} as {@code SLOAD}/{@code SSTORE}).
 *
 * @param reads slots read
 * @param writes slots written
 */
public record StorageAccess(Set<BigInteger> reads, Set<BigInteger> writes) {
  public StorageAccess {
    reads = Set.copyOf(Objects.requireNonNull(reads, "reads"));
    writes = Set.copyOf(Objects.requireNonNull(writes, "writes"));
  }
}
