package io.seed.bundler.core.types;

import java.util.Arrays;

/** An immutable byte string: call data, signatures, init code. */
public final class Bytes {
  /** The empty byte string. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code bytes} into a new immutable value. */
  public static Bytes of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes}; the caller must not modify the array afterwards. */
  public static Bytes wrap(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes);
  }

  /** Parses strict {@code 0x}-prefixed hex. */
  public static Bytes fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  /** Concatenates byte strings. */
  public static Bytes concat(Bytes... parts) {
    int length = 0;
    for (Bytes part : parts) {
      length += part.value.length;
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (Bytes part : parts) {
      System.arraycopy(part.value, 0, out, offset, part.value.length);
      offset += part.value.length;
    }
    return wrap(out);
  }

  /** Number of bytes. */
  public int length() {
    return value.length;
  }

  /** True when there are no bytes. */
  public boolean isEmpty() {
    return value.length == 0;
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return value[index];
  }

  /** A copy of the bytes in {@code [from, to)}. */
  public Bytes slice(int from, int to) {
    return wrap(Arrays.copyOfRange(value, from, to));
  }

  /** A fresh copy of the bytes. */
  public byte[] toArray() {
    return value.clone();
  }

  /** Copies the bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(value, 0, target, offset, value.length);
  }

  /** Lower-case {@code 0x}-prefixed hex. */
  public String toHex() {
    return Hex.encode(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(value, that.value);
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
