package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * The secp256k1 curve: Bouncy Castle's for the cold paths (decoding keys, recovering an unknown
 * key, building tables), the generator's table for the hot one, and scalar arithmetic mod n.
 */
final class Secp256k1 {
  private static final X9ECParameters PARAMETERS = CustomNamedCurves.getByName("secp256k1");

  static final ECCurve CURVE = PARAMETERS.getCurve();
  static final BigInteger N = PARAMETERS.getN();
  static final BigInteger P = CURVE.getField().getCharacteristic();

  static final ECPoint G = PARAMETERS.getG();

  /** Ten-bit signed windows of the generator: at most 26 additions a product. */
  static final int G_WINDOW_BITS = 10;

  /** The generator's table: 13,312 points, about 850 KiB, shared by every key. */
  static final FixedWindowTable G_TABLE = new FixedWindowTable(G, G_WINDOW_BITS);

  /** n in eight little-endian 32-bit words. */
  private static final int[] N_WORDS = Nat256.fromBigInteger(N);

  private Secp256k1() {}

  /**
   * s⁻¹ mod n for s in [1, n), by Bouncy Castle's variable-time safegcd: s is public, so the
   * constant-time form's extra cost buys nothing.
   */
  static BigInteger inverseModN(BigInteger s) {
    int[] inverse = new int[8];
    if (!Mod.modOddInverseVar(N_WORDS, Nat256.fromBigInteger(s), inverse)) {
      throw new ArithmeticException("no inverse mod n");
    }
    return Nat256.toBigInteger(inverse);
  }

  /** The point with x coordinate {@code x} and the given y parity, or null when none exists. */
  static ECPoint pointFromX(BigInteger x, int yParity) {
    if (x.compareTo(P) >= 0) {
      return null;
    }
    byte[] encoded = new byte[33];
    encoded[0] = (byte) (yParity == 0 ? 0x02 : 0x03);
    byte[] raw = x.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, encoded, 33 - copy, copy);
    try {
      return CURVE.decodePoint(encoded);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
  }
}
