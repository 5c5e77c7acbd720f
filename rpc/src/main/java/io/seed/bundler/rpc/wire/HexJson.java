package io.seed.bundler.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.types.Hex;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import org.web3j.crypto.Keys;

/**
 * Strict reading and writing of the JSON-RPC hex forms. A quantity is {@code 0x} followed by
 * hex digits without leading zeros ({@code 0x0} for zero); data is {@code 0x} followed by an even
 * number of hex digits. Every parse failure is a {@code -32602} {@link RpcException} whose message
 * reads {@code invalid <what>: <reason>}, so the caller names the field or parameter in {@code
 * what}.
 */
public final class HexJson {
  private HexJson() {}

  /**
   * Reads a quantity of at most {@code bits} bits.
   *
   * @param what names the value in the error message, e.g. {@code userOp field 'nonce'}
   */
  public static BigInteger quantity(JsonNode node, int bits, String what) {
    String text = hexText(node, what);
    int digits = text.length() - 2;
    if (digits == 0) {
      throw invalid(what, "empty quantity, zero is 0x0");
    }
    if (digits > 1 && text.charAt(2) == '0') {
      throw invalid(what, "quantity has leading zeros");
    }
    return unsigned(text, bits, what);
  }

  /**
   * Reads an unsigned number of at most {@code bits} bits written as hex, where leading zeros and
   * an odd digit count are allowed (signature components as SDKs pad them).
   */
  public static BigInteger paddedNumber(JsonNode node, int bits, String what) {
    String text = hexText(node, what);
    if (text.length() == 2) {
      throw invalid(what, "empty number");
    }
    return unsigned(text, bits, what);
  }

  /** Reads data of at most {@code maxBytes} bytes. */
  public static Bytes data(JsonNode node, int maxBytes, String what) {
    String text = hexText(node, what);
    long length = (text.length() - 2L) / 2;
    if (length > maxBytes) {
      throw invalid(what, "exceeds " + maxBytes + " bytes");
    }
    return Bytes.wrap(decode(text, what));
  }

  /** Reads a 20-byte address (any letter case, checksum not enforced). */
  public static Address address(JsonNode node, String what) {
    return Address.of(exactly(node, Address.LENGTH, what));
  }

  /** Reads a 32-byte value such as a hash. */
  public static Bytes32 bytes32(JsonNode node, String what) {
    return Bytes32.of(exactly(node, Bytes32.LENGTH, what));
  }

  /** Writes a quantity: {@code 0x} and lower-case hex digits without leading zeros. */
  public static String quantity(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a quantity is never negative");
    }
    return "0x" + value.toString(16);
  }

  /** Writes a quantity from a non-negative {@code long}. */
  public static String quantity(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a quantity is never negative");
    }
    return "0x" + Long.toHexString(value);
  }

  /** Writes data as lower-case hex. */
  public static String data(Bytes value) {
    return value.toHex();
  }

  /** Writes an address with its EIP-55 checksum, as clients and the spec tests compare them. */
  public static String address(Address value) {
    return Keys.toChecksumAddress(value.toHex());
  }

  private static byte[] exactly(JsonNode node, int length, String what) {
    String text = hexText(node, what);
    byte[] bytes = decode(text, what);
    if (bytes.length != length) {
      throw invalid(what, "must be " + length + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  private static BigInteger unsigned(String text, int bits, String what) {
    int firstSignificant = 2;
    while (firstSignificant < text.length() - 1 && text.charAt(firstSignificant) == '0') {
      firstSignificant++;
    }
    if (text.length() - firstSignificant > (bits + 3) / 4) {
      throw invalid(what, "exceeds uint" + bits);
    }
    for (int i = 2; i < text.length(); i++) {
      char c = text.charAt(i);
      // ASCII only: Character.digit would also take other scripts' digits.
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        throw invalid(what, "not a hex digit: '" + c + "'");
      }
    }
    BigInteger value = new BigInteger(text.substring(firstSignificant), 16);
    if (value.bitLength() > bits) {
      throw invalid(what, "exceeds uint" + bits);
    }
    return value;
  }

  private static byte[] decode(String text, String what) {
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(what, e.getMessage());
    }
  }

  private static String hexText(JsonNode node, String what) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw invalid(what, "missing");
    }
    if (!node.isTextual()) {
      throw invalid(what, "must be a hex string");
    }
    String text = node.textValue();
    if (!text.startsWith("0x")) {
      throw invalid(what, "must start with 0x");
    }
    return text;
  }

  private static RpcException invalid(String what, String reason) {
    return RpcException.invalidParams("invalid " + what + ": " + reason);
  }
}
