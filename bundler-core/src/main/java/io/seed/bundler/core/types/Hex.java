package io.seed.bundler.core.types;

/** Strict conversion between bytes and {@code 0x}-prefixed hexadecimal text. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Encodes bytes as lower-case hex with a {@code 0x} prefix. */
  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes {@code 0x}-prefixed hex with an even number of digits.
   *
   * @throws IllegalArgumentException when the prefix is missing, a digit is not hex or the
   *     length is odd
   */
  public static byte[] decode(String hex) {
    if (hex == null || !hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw new IllegalArgumentException("hex string must start with 0x");
    }
    int digits = hex.length() - 2;
    if ((digits & 1) != 0) {
      throw new IllegalArgumentException("hex string has an odd number of digits");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(2 + 2 * i));
      int lo = digit(hex.charAt(3 + 2 * i));
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw new IllegalArgumentException("not a hex digit: '" + c + "'");
  }
}
