package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import java.util.Arrays;

/**
 * FastLZ level-1 decompression as Solady's {@code LibZip.flzDecompress} does it. Each token's top
 * three bits t say what it is: 0, a run of {@code (b & 31) + 1} literal bytes; 1 to 6, a match of
 * {@code 2 + t} bytes starting {@code 256 * (b & 31) + next + 1} bytes back; 7, a match of {@code
 * 9 + next} bytes with the distance byte after that. A match may overlap its own output. Like
 * Solady, which checks no bounds, a token cut off by the end of the input reads what follows as
 * zeros: the word Solidity zeroes after bytes it copies from calldata, as SmartSession's are.
 */
final class FastLz {
  /** Larger outputs are refused: an enable payload is a few kilobytes. */
  static final int MAX_OUTPUT = 1 << 20;

  private FastLz() {}

  /**
   * The decompressed bytes.
   *
   * @throws SessionKeyDecodingException (reverts) on a match reaching before the start of the
   *     output, or output beyond {@link #MAX_OUTPUT}
   */
  static byte[] decompress(byte[] input) {
    byte[] out = new byte[Math.min(MAX_OUTPUT, Math.max(64, input.length * 4))];
    int size = 0;
    int i = 0;
    while (i < input.length) {
      int token = input[i] & 0xff;
      int type = token >>> 5;
      if (type == 0) {
        int length = token + 1;
        out = room(out, size + length);
        int present = Math.min(length, input.length - i - 1);
        System.arraycopy(input, i + 1, out, size, present);
        Arrays.fill(out, size + present, size + length, (byte) 0);
        size += length;
        i += 1 + length;
        continue;
      }
      int length;
      int distance;
      if (type < 7) {
        length = 2 + type;
        distance = 256 * (token & 31) + byteAt(input, i + 1);
        i += 2;
      } else {
        length = 9 + byteAt(input, i + 1);
        distance = 256 * (token & 31) + byteAt(input, i + 2);
        i += 3;
      }
      int from = size - distance - 1;
      require(from >= 0, "match reaches before the start of the output");
      out = room(out, size + length);
      for (int k = 0; k < length; k++) {
        out[size + k] = out[from + k];
      }
      size += length;
    }
    return Arrays.copyOf(out, size);
  }

  /** The input byte at {@code index}, zero past the end. */
  private static int byteAt(byte[] input, int index) {
    return index < input.length ? input[index] & 0xff : 0;
  }

  private static byte[] room(byte[] out, int needed) {
    require(needed <= MAX_OUTPUT, "output exceeds " + MAX_OUTPUT + " bytes");
    return needed <= out.length ? out : Arrays.copyOf(out, Math.min(MAX_OUTPUT,
        Math.max(needed, out.length * 2)));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw SessionKeyDecodingException.reverts("FastLZ: " + message);
    }
  }
}
