package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import java.util.Arrays;

/**
 * FastLZ level-1 decompression as Solady's {@code LibZip.flzDecompress} does it. Each token's top
 * three bits t say what it is: 0, a run of {@code (b & 31) + 1} literal bytes; 1 to 6, a match of
 * {@code 2 + t} bytes starting {@code 256 * (b & 31) + next + 1} bytes back; 7, a match of {@code
 * 9 + next} bytes with the distance byte after that. A match may overlap its own output.
 */
final class FastLz {
  /** Larger outputs are refused: an enable payload is a few kilobytes. */
  static final int MAX_OUTPUT = 1 << 20;

  private FastLz() {}

  /**
   * The decompressed bytes.
   *
   * @throws SessionKeyDecodingException (reverts) on a truncated token, a match reaching before
   *     the start of the output, or output beyond {@link #MAX_OUTPUT}
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
        require(i + 1 + length <= input.length, "literal run overruns the input");
        out = room(out, size + length);
        System.arraycopy(input, i + 1, out, size, length);
        size += length;
        i += 1 + length;
        continue;
      }
      int length;
      int distance;
      if (type < 7) {
        require(i + 1 < input.length, "match token is cut off");
        length = 2 + type;
        distance = 256 * (token & 31) + (input[i + 1] & 0xff);
        i += 2;
      } else {
        require(i + 2 < input.length, "long match token is cut off");
        length = 9 + (input[i + 1] & 0xff);
        distance = 256 * (token & 31) + (input[i + 2] & 0xff);
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
