package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The multiples {@code d * 2^(w*i) * P} for every w-bit window i of a scalar and every digit
 * {@code 1 <= d <= 2^(w-1)}, held affine in a compact lookup table. Scalars are recoded into
 * signed digits (negating an affine point is free), so multiplying is one mixed point addition
 * per non-zero window and no doubling at all: this is what makes a check against a known key
 * cheaper than a recovery, which must build its tables for a fresh point every time.
 *
 * <p>Memory is {@code ceil(257 / w) * 2^(w-1)} points of 64 bytes. Lookups are variable time: only
 * public values (signatures, hashes, public keys) are ever multiplied.
 */
final class FixedWindowTable {
  /** Scalars below 2^256; the signed recoding can carry into bit 256. */
  private static final int RECODED_BITS = 257;

  private final int windowBits;
  private final int half;
  private final int windows;
  private final ECLookupTable table;

  FixedWindowTable(ECPoint base, int windowBits) {
    if (windowBits < 2 || windowBits > 16) {
      throw new IllegalArgumentException("window must be 2..16 bits");
    }
    this.windowBits = windowBits;
    this.half = 1 << (windowBits - 1);
    this.windows = (RECODED_BITS + windowBits - 1) / windowBits;
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
    this.table = base.getCurve().createCacheSafeLookupTable(points, 0, points.length);
  }

  /** Number of points held. */
  int size() {
    return windows * half;
  }

  /** {@code k * P} for {@code 0 <= k < 2^256}, not normalised. */
  ECPoint multiply(BigInteger k) {
    ECPoint sum = Secp256k1.CURVE.getInfinity();
    int carry = 0;
    for (int window = 0; window < windows; window++) {
      int digit = digitAt(k, window * windowBits) + carry;
      carry = 0;
      if (digit > half) {
        digit -= 1 << windowBits;
        carry = 1;
      }
      if (digit > 0) {
        sum = sum.add(table.lookupVar(window * half + digit - 1));
      } else if (digit < 0) {
        sum = sum.add(table.lookupVar(window * half - digit - 1).negate());
      }
    }
    return sum;
  }

  private int digitAt(BigInteger k, int lowestBit) {
    int digit = 0;
    for (int bit = windowBits - 1; bit >= 0; bit--) {
      digit = digit << 1 | (k.testBit(lowestBit + bit) ? 1 : 0);
    }
    return digit;
  }
}
