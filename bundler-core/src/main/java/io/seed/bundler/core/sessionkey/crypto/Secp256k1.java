package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The secp256k1 curve: Bouncy Castle's for the cold paths (decoding keys, recovering an unknown
 * key, building tables) and the generator's table for the hot one. Scalars are inverted mod n
 * with Bouncy Castle's variable-time safegcd ({@code BigIntegers.modOddInverseVar}): they are
 * public, so the constant-time form's extra cost buys nothing.
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

  private Secp256k1() {}

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
