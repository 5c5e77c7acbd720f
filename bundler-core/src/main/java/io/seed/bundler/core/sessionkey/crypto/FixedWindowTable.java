package io.seed.bundler.core.sessionkey.crypto;

import org.bouncycastle.math.ec.ECPoint;

/**
 * The multiples {@code d * 2^(w*i) * P} for every w-bit window i of a scalar and every digit
 * {@code 1 <= d <= 2^(w-1)}, held affine and packed in one long array. Scalars are
 * recoded into signed digits (negating an affine point is free), so multiplying is one mixed
 * point addition per non-zero window and no doubling at all; and since no doubling separates the
 * windows, the walks of two tables may add into the same sum, which makes {@code a*P + b*Q} one
 * run of additions with no final point addition.
 *
 * <p>Memory is {@code ceil(257 / w) * 2^(w-1)} points of {@value #POINT_BYTES} bytes. Lookups
 * are variable time: only public values (signatures, hashes, public keys) are ever multiplied.
 */
final class FixedWindowTable {
  /** Bytes of one entry: x and y, four 64-bit words each. */
  static final int POINT_BYTES = 2 * FieldElement.WORDS * Long.BYTES;

  /** Scalars below 2^256; the signed recoding can carry into bit 256. */
  private static final int RECODED_BITS = 257;
  private static final int POINT_LONGS = 2 * FieldElement.WORDS;

  private final int windowBits;
  private final int half;
  private final int windows;
  private final long[] packed;

  /** Builds the table of {@code base} (not the point at infinity) with Bouncy Castle's points. */
  FixedWindowTable(ECPoint base, int windowBits) {
    if (windowBits < 2 || windowBits > 16) {
      throw new IllegalArgumentException("window must be 2..16 bits");
    }
    this.windowBits = windowBits;
    this.half = 1 << (windowBits - 1);
    this.windows = windows(windowBits);
    ECPoint[] points = new ECPoint[windows * half];
    ECPoint windowBase = base.normalize();
    for (int window = 0; window < windows; window++) {
      ECPoint multiple = windowBase;
      for (int digit = 1; digit <= half; digit++) {
        points[window * half + digit - 1] = multiple;
        if (digit < half) {
          multiple = multiple.add(windowBase);
        }
      }
      // multiple = 2^(w-1) * windowBase, so twice it is the next window's base.
      windowBase = multiple.twice().normalize();
    }
    base.getCurve().normalizeAll(points);
    this.packed = new long[points.length * POINT_LONGS];
    for (int i = 0; i < points.length; i++) {
      FieldElement.of(points[i].getAffineXCoord().toBigInteger()).store(packed, i * POINT_LONGS);
      FieldElement.of(points[i].getAffineYCoord().toBigInteger())
          .store(packed, i * POINT_LONGS + FieldElement.WORDS);
    }
  }

  /** Bytes a table of {@code windowBits}-bit windows holds. */
  static int bytes(int windowBits) {
    return windows(windowBits) * (1 << (windowBits - 1)) * POINT_BYTES;
  }

  private static int windows(int windowBits) {
    return (RECODED_BITS + windowBits - 1) / windowBits;
  }

  /** Adds {@code k * P} to {@code sum}, for {@code k} in eight little-endian words. */
  void addMultiple(JacobianPoint sum, int[] k) {
    int carry = 0;
    for (int window = 0; window < windows; window++) {
      int digit = digitAt(k, window * windowBits) + carry;
      carry = 0;
      if (digit > half) {
        digit -= 1 << windowBits;
        carry = 1;
      }
      if (digit > 0) {
        sum.addAffine(packed, (window * half + digit - 1) * POINT_LONGS, false);
      } else if (digit < 0) {
        sum.addAffine(packed, (window * half - digit - 1) * POINT_LONGS, true);
      }
    }
  }

  private int digitAt(int[] k, int lowestBit) {
    int word = lowestBit >>> 5;
    if (word >= k.length) {
      return 0;
    }
    int shift = lowestBit & 31;
    long bits = (k[word] & 0xFFFFFFFFL) >>> shift;
    if (shift + windowBits > 32 && word + 1 < k.length) {
      bits |= (k[word + 1] & 0xFFFFFFFFL) << (32 - shift);
    }
    return (int) (bits & ((1L << windowBits) - 1));
  }
}
