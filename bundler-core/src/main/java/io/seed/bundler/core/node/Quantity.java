package io.seed.bundler.core.node;

import java.math.BigInteger;

/**
 * Ethereum JSON-RPC quantities: unsigned integers as {@code 0x}-prefixed hex without leading
 * zeros ({@code 0x0}, {@code 0x1a}).
 */
public final class Quantity {
  private static final int MAX_DIGITS = 64;

  private Quantity() {}

  /** Encodes a non-negative integer. */
  public static String encode(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a quantity cannot be negative: " + value);
    }
    return "0x" + value.toString(16);
  }

  /** Encodes a non-negative integer. */
  public static String encode(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a quantity cannot be negative: " + value);
    }
    return "0x" + Long.toHexString(value);
  }

  /**
   * Parses {@code 0x} followed by one to 64 hex digits; leading zeros are accepted because some
   * clients send them.
   *
   * @throws IllegalArgumentException when the text is not such a quantity
   */
  public static BigInteger parse(String text) {
    if (text == null || text.length() < 3 || text.charAt(0) != '0' || text.charAt(1) != 'x') {
      throw new IllegalArgumentException("not a hex quantity: '" + text + "'");
    }
    if (text.length() - 2 > MAX_DIGITS) {
      throw new IllegalArgumentException("quantity exceeds 256 bits: '" + text + "'");
    }
    for (int i = 2; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not a hex quantity: '" + text + "'");
      }
    }
    return new BigInteger(text.substring(2), 16);
  }

  /**
   * Parses a quantity that must fit in a signed {@code long} (block numbers, nonces, chain ids).
   *
   * @throws IllegalArgumentException when the text is not a quantity or is too large
   */
  public static long parseLong(String text) {
    BigInteger value = parse(text);
    if (value.bitLength() > 63) {
      throw new IllegalArgumentException("quantity does not fit in 63 bits: '" + text + "'");
    }
    return value.longValue();
  }
}
