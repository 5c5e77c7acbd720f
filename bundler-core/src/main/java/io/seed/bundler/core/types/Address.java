package io.seed.bundler.core.types;

import java.util.Arrays;

/** A 20-byte Ethereum address. */
public final class Address implements Comparable<Address> {
  /** Length of an address in bytes. */
  public static final int LENGTH = 20;

  /** The zero address. */
  public static final Address ZERO = new Address(new byte[LENGTH]);

  private final byte[] value;

  private Address(byte[] value) {
    this.value = value;
  }

  /** Copies exactly 20 bytes into an address. */
  public static Address of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** Parses a {@code 0x}-prefixed 40-digit hex address (any letter case, no checksum check). */
  public static Address fromHex(String hex) {
    byte[] bytes = Hex.decode(hex);
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    return new Address(bytes);
  }

  /** Reads the address held in the low 20 bytes of a 32-byte ABI word at {@code offset}. */
  public static Address fromWord(byte[] data, int offset) {
    return new Address(Arrays.copyOfRange(data, offset + 12, offset + 32));
  }

  /** True for the zero address. */
  public boolean isZero() {
    for (byte b : value) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A fresh copy of the 20 bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  /** The address as {@link Bytes}. */
  public Bytes toBytes() {
    return Bytes.of(value);
  }

  /** Copies the 20 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(value, 0, target, offset, LENGTH);
  }

  /** Lower-case {@code 0x}-prefixed hex. */
  public String toHex() {
    return Hex.encode(value);
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Address that && Arrays.equals(value, that.value);
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
