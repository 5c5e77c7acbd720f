package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Reads Solidity ABI-encoded data by offset, without reflection: words, addresses, unsigned
 * integers and dynamic values behind offsets. Every read is bounds-checked and fails with {@link
 * AbiDecodingException}, so malformed data from a node or a client never escapes as an index
 * error.
 */
public final class AbiReader {
  private static final int WORD = 32;
  private static final BigInteger MAX_OFFSET = BigInteger.valueOf(Integer.MAX_VALUE);

  private final byte[] data;
  private final int base;

  private AbiReader(byte[] data, int base) {
    this.data = data;
    this.base = base;
  }

  /** A reader over {@code data} whose offsets count from its first byte. */
  public static AbiReader of(byte[] data) {
    return new AbiReader(data, 0);
  }

  /** A reader over {@code data} whose offsets count from its first byte. */
  public static AbiReader of(Bytes data) {
    return new AbiReader(data.toArray(), 0);
  }

  /**
   * A reader of the tuple that a head word at {@code headOffset} points to; offsets inside that
   * tuple count from its start, as the ABI says.
   */
  public AbiReader tupleAt(int headOffset) {
    return new AbiReader(data, absolute(offsetAt(headOffset)));
  }

  /** A reader of a static tuple embedded in place at {@code offset}. */
  public AbiReader inlineTupleAt(int offset) {
    return new AbiReader(data, absolute(offset));
  }

  /** Number of bytes after this reader's base. */
  public int length() {
    return data.length - base;
  }

  /** The 32-byte word at {@code offset}. */
  public Bytes32 word(int offset) {
    return Bytes32.of(data, check(offset, WORD));
  }

  /** The word at {@code offset} as an unsigned integer. */
  public BigInteger uint(int offset) {
    int at = check(offset, WORD);
    return new BigInteger(1, Arrays.copyOfRange(data, at, at + WORD));
  }

  /** The word at {@code offset} as an unsigned integer that must fit in a {@code long}. */
  public long uintAsLong(int offset) {
    BigInteger value = uint(offset);
    if (value.bitLength() > 63) {
      throw new AbiDecodingException("value at " + offset + " does not fit in 63 bits");
    }
    return value.longValue();
  }

  /** The word at {@code offset} as a boolean (any non-zero value is true). */
  public boolean bool(int offset) {
    return uint(offset).signum() != 0;
  }

  /** The address held in the low 20 bytes of the word at {@code offset}. */
  public Address address(int offset) {
    return Address.fromWord(data, check(offset, WORD));
  }

  /** The dynamic {@code bytes} whose head word is at {@code headOffset}. */
  public Bytes dynamicBytes(int headOffset) {
    int start = absolute(offsetAt(headOffset));
    int length = lengthAt(start);
    int from = checkAbsolute(start + WORD, length);
    return Bytes.wrap(Arrays.copyOfRange(data, from, from + length));
  }

  /** The length of the dynamic array whose head word is at {@code headOffset}. */
  public int arrayLength(int headOffset) {
    return lengthAt(absolute(offsetAt(headOffset)));
  }

  /**
   * A reader positioned on the elements of the dynamic array whose head word is at {@code
   * headOffset}: element {@code i} of a static type is at {@code i * size}, the head of a dynamic
   * element at {@code i * 32}.
   */
  public AbiReader arrayElements(int headOffset) {
    int start = absolute(offsetAt(headOffset));
    lengthAt(start);
    return new AbiReader(data, start + WORD);
  }

  private int offsetAt(int headOffset) {
    BigInteger offset = uint(headOffset);
    if (offset.compareTo(MAX_OFFSET) > 0) {
      throw new AbiDecodingException("offset at " + headOffset + " is out of range");
    }
    return offset.intValue();
  }

  private int lengthAt(int absoluteStart) {
    int at = checkAbsolute(absoluteStart, WORD);
    BigInteger length = new BigInteger(1, Arrays.copyOfRange(data, at, at + WORD));
    if (length.compareTo(BigInteger.valueOf(data.length)) > 0) {
      throw new AbiDecodingException("length " + length + " exceeds the data");
    }
    return length.intValue();
  }

  private int absolute(int offset) {
    long at = (long) base + offset;
    if (at > data.length) {
      throw new AbiDecodingException("offset " + offset + " is past the end of the data");
    }
    return (int) at;
  }

  private int check(int offset, int size) {
    return checkAbsolute(absolute(offset), size);
  }

  private int checkAbsolute(int at, int size) {
    if (at < 0 || (long) at + size > data.length) {
      throw new AbiDecodingException(
          "reading " + size + " bytes at " + at + " overruns data of " + data.length + " bytes");
    }
    return at;
  }
}
