package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;

/** Reads and compares 32-byte words of call data in place, without copying. */
final class CallDataWords {
  static final int WORD = 32;

  private CallDataWords() {}

  /** The absolute position of the word {@code offset} bytes after the selector, or -1. */
  static int argumentWord(Bytes data, long offset) {
    long at = 4 + offset;
    if (offset < 0 || at + WORD > data.length()) {
      return -1;
    }
    return (int) at;
  }

  /** Unsigned comparison of the word at {@code at} with {@code reference}. */
  static int compare(Bytes data, int at, byte[] reference) {
    for (int i = 0; i < WORD; i++) {
      int difference = (data.get(at + i) & 0xff) - (reference[i] & 0xff);
      if (difference != 0) {
        return difference;
      }
    }
    return 0;
  }

  /** The word at {@code at} as an unsigned integer. */
  static BigInteger uint(Bytes data, int at) {
    byte[] word = new byte[WORD];
    for (int i = 0; i < WORD; i++) {
      word[i] = data.get(at + i);
    }
    return new BigInteger(1, word);
  }

  /** How a violation names the word: by argument index when it is a head word. */
  static String describe(long offset) {
    return offset % WORD == 0 ? "argument " + offset / WORD : "word at offset " + (4 + offset);
  }

  /** Small values in decimal, large ones (addresses, hashes) in hex. */
  static String render(BigInteger value) {
    return value.bitLength() <= 64 ? value.toString() : "0x" + value.toString(16);
  }
}
