package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code validationData} an account or paymaster returns from validation: who authorised the
 * operation and in which time window it is valid. Packed on chain as {@code validAfter (uint48) <<
 * 208 | validUntil (uint48) << 160 | authorizer (uint160)}.
 *
 * @param aggregator the authorizer: zero for a valid signature, {@link #SIGNATURE_FAILURE} for a
 *     failed one, otherwise the address of a signature aggregator
 * @param validAfter seconds since the epoch from which the operation is valid (0: no bound)
 * @param validUntil seconds since the epoch until which the operation is valid (0: no bound)
 */
public record ValidationData(Address aggregator, long validAfter, long validUntil) {
  /** The authorizer value that marks a signature failure. */
  public static final Address SIGNATURE_FAILURE =
      Address.fromHex("0x0000000000000000000000000000000000000001");

  /** A valid signature with no time bounds. */
  public static final ValidationData UNBOUNDED = new ValidationData(Address.ZERO, 0, 0);

  private static final long UINT48_MAX = (1L << 48) - 1;
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public ValidationData {
    Objects.requireNonNull(aggregator, "aggregator");
    if (validAfter < 0 || validAfter > UINT48_MAX || validUntil < 0 || validUntil > UINT48_MAX) {
      throw new IllegalArgumentException("validAfter and validUntil must be uint48");
    }
  }

  /** Unpacks a {@code validationData} word. */
  public static ValidationData parse(BigInteger packed) {
    if (packed.signum() < 0 || packed.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("validationData must be a uint256");
    }
    byte[] word = Bytes32.fromUint(packed).toArray();
    return new ValidationData(
        Address.fromWord(word, 0),
        packed.shiftRight(208).longValue() & UINT48_MAX,
        packed.shiftRight(160).longValue() & UINT48_MAX);
  }

  /** True when the authorizer reports a failed signature. */
  public boolean signatureFailed() {
    return aggregator.equals(SIGNATURE_FAILURE);
  }

  /** True when the authorizer is a signature aggregator (neither success nor failure). */
  public boolean hasAggregator() {
    return !aggregator.isZero() && !signatureFailed();
  }

  /** The end of the window with "no bound" read as the largest uint48. */
  public long effectiveValidUntil() {
    return validUntil == 0 ? UINT48_MAX : validUntil;
  }

  /**
   * The window in which both this and {@code other} hold: the later start, the earlier end. The
   * authorizer is this one's unless it is zero, so a failure or an aggregator on either side is
   * kept (the account's takes precedence, as the EntryPoint reports it).
   */
  public ValidationData intersect(ValidationData other) {
    long until = Math.min(effectiveValidUntil(), other.effectiveValidUntil());
    return new ValidationData(
        aggregator.isZero() ? other.aggregator : aggregator,
        Math.max(validAfter, other.validAfter),
        until == UINT48_MAX ? 0 : until);
  }
}
