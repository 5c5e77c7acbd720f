package io.seed.bundler.core.types;

import java.math.BigInteger;
import java.util.Arrays;

/** A 32-byte value: a hash, a storage slot, an ABI word. */
public final class Bytes32 {
  /** Length in bytes. */
  public static final int LENGTH = 32;

  /** Thirty-two zero bytes. */
  public static final Bytes32 ZERO = new Bytes32(new byte[LENGTH]);

  private final byte[] value;

  private Bytes32(byte[] value) {
    this.value = value;
  }

  /** Copies exactly 32 bytes. */
  public static Bytes32 of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes.clone());
  }

  /** Copies the 32 bytes at {@code offset} of {@code data}. */
  public static Bytes32 of(byte[] data, int offset) {
    return new Bytes32(Arrays.copyOfRange(data, offset, offset + LENGTH));
  }

  /** Parses {@code 0x} followed by exactly 64 hex digits. */
  public static Bytes32 fromHex(String hex) {
    byte[] bytes = Hex.decode(hex);
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
    }
    return new Bytes32(bytes);
  }

  /** The big-endian unsigned 256-bit encoding of {@code value}. */
  public static Bytes32 fromUint(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value does not fit in uint256");
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[LENGTH];
    int copy = Math.min(raw.length, LENGTH);
    System.arraycopy(raw, raw.length - copy, out, LENGTH - copy, copy);
    return new Bytes32(out);
  }

  /** The value read as an unsigned big-endian integer. */
  public BigInteger toUint() {
    return new BigInteger(1, value);
  }

  /** A fresh copy of the 32 bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(value, 0, target, offset, LENGTH);
  }

  /** Lower-case {@code 0x}-prefixed hex. */
  public String toHex() {
    return Hex.encode(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes32 that && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
