package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;

/**
 * {@code abi.encode} of a fixed number of static words into one array, then its keccak: the shape
 * of every UserOperation hash. Integers are written without intermediate arrays when they fit in
 * a long, which is the common case on the hot path.
 */
final class AbiWords {
  private static final int WORD = 32;
  // Most operations have no initCode or no paymaster: skip hashing the empty string each time.
  private static final byte[] EMPTY_HASH = Keccak.hash(new byte[0]);

  private final byte[] buffer;
  private int position;

  AbiWords(int words) {
    buffer = new byte[words * WORD];
  }

  AbiWords word(byte[] word) {
    System.arraycopy(word, 0, buffer, position, WORD);
    position += WORD;
    return this;
  }

  AbiWords address(Address address) {
    address.copyTo(buffer, position + WORD - Address.LENGTH);
    position += WORD;
    return this;
  }

  AbiWords uint(BigInteger value) {
    putUint(value, position, WORD);
    position += WORD;
    return this;
  }

  AbiWords uint(long value) {
    putLong(value, position + WORD);
    position += WORD;
    return this;
  }

  /** {@code bytes32(high << 128 | low)} for two values below 2^128. */
  AbiWords uint128Pair(BigInteger high, BigInteger low) {
    putUint(high, position, WORD / 2);
    putUint(low, position + WORD / 2, WORD / 2);
    position += WORD;
    return this;
  }

  /** The keccak of {@code data} as a word. */
  AbiWords hashOf(Bytes data) {
    if (data.isEmpty()) {
      return word(EMPTY_HASH);
    }
    Keccak.hashInto(data.toArray(), buffer, position);
    position += WORD;
    return this;
  }

  byte[] keccak() {
    if (position != buffer.length) {
      throw new IllegalStateException("wrote " + position + " of " + buffer.length + " bytes");
    }
    return Keccak.hash(buffer);
  }

  private void putUint(BigInteger value, int offset, int width) {
    if (value.bitLength() < Long.SIZE) {
      putLong(value.longValue(), offset + width);
      return;
    }
    byte[] raw = value.toByteArray();
    int copy = Math.min(raw.length, width);
    System.arraycopy(raw, raw.length - copy, buffer, offset + width - copy, copy);
  }

  /** Writes {@code value} big-endian into the eight bytes that end at {@code end}. */
  private void putLong(long value, int end) {
    for (int i = 1; i <= Long.BYTES; i++) {
      buffer[end - i] = (byte) (value >>> (8 * (i - 1)));
    }
  }
}
