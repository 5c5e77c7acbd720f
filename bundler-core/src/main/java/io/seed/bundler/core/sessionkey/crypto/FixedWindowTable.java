package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * All multiples {@code d * 2^(w*i) * P} for every w-bit window i of a 256-bit scalar and every
 * digit d, held affine in a compact lookup table. Multiplying by a scalar is then one mixed point
 * addition per non-zero window and no doubling at all, which is what makes a check against a
 * known key cheaper than a recovery (which must build its tables for a fresh point every time).
 *
 * <p>Memory is {@code ceil(256 / w) * (2^w - 1)} points of 64 bytes. Lookups are variable time:
 * only public values (signatures, hashes, public keys) are ever multiplied.
 */
final class FixedWindowTable {
  private final int windowBits;
  private final int digitsPerWindow;
  private final int windows;
  private final ECLookupTable table;

  FixedWindowTable(ECPoint base, int windowBits) {
    if (windowBits < 1 || windowBits > 8) {
      throw new IllegalArgumentException("window must be 1..8 bits");
    }
    this.windowBits = windowBits;
    this.digitsPerWindow = (1 << windowBits) - 1;
    this.windows = (256 + windowBits - 1) / windowBits;
    ECPoint[] points = new ECPoint[windows * digitsPerWindow];
    ECPoint windowBase = base.normalize();
    for (int window = 0; window < windows; window++) {
      ECPoint multiple = windowBase;
      for (int digit = 0; digit < digitsPerWindow; digit++) {
        points[window * digitsPerWindow + digit] = multiple;
        multiple = multiple.add(windowBase);
      }
      // After the loop, multiple = 2^w * windowBase: the next window's base.
      windowBase = multiple.normalize();
    }
    base.getCurve().normalizeAll(points);
    this.table = base.getCurve().createCacheSafeLookupTable(points, 0, points.length);
  }

  /** {@code k * P} for {@code 0 <= k < 2^256}, not normalised. */
  ECPoint multiply(BigInteger k) {
    ECPoint sum = Secp256k1.CURVE.getInfinity();
    int bits = k.bitLength();
    for (int window = 0; window * windowBits < bits; window++) {
      int digit = digitAt(k, window * windowBits);
      if (digit != 0) {
        sum = sum.add(table.lookupVar(window * digitsPerWindow + digit - 1));
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
