package io.seed.bundler.core.sessionkey.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * An ECDSA signature as the ecrecover precompile takes it: {@code r}, {@code s} and the parity of
 * the nonce point's y coordinate. Only values the precompile accepts can be built: {@code 0 < r <
 * n}, {@code 0 < s < n} (high s included: the precompile does not enforce low s).
 */
public record EcdsaSignature(BigInteger r, BigInteger s, int recoveryId) {
  /** Length of the {@code r ‖ s ‖ v} form. */
  public static final int RSV_LENGTH = 65;

  /** Length of the EIP-2098 compact {@code r ‖ yParityAndS} form. */
  public static final int COMPACT_LENGTH = 64;

  public EcdsaSignature {
    if (!inScalarRange(r) || !inScalarRange(s)) {
      throw new IllegalArgumentException("r and s must be in [1, n)");
    }
    if (recoveryId != 0 && recoveryId != 1) {
      throw new IllegalArgumentException("recovery id must be 0 or 1");
    }
  }

  /**
   * Reads {@code r ‖ s ‖ v} at {@code offset} with {@code v} passed to ecrecover unchanged: empty
   * when the precompile would fail (v other than 27 or 28, r or s out of range).
   */
  public static Optional<EcdsaSignature> fromRsv(byte[] data, int offset) {
    int v = data[offset + 64] & 0xff;
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    return of(word(data, offset), word(data, offset + 32), v - 27);
  }

  /** Reads the EIP-2098 compact form: the top bit of the second word is the y parity. */
  public static Optional<EcdsaSignature> fromCompact(byte[] data, int offset) {
    byte[] vs = Arrays.copyOfRange(data, offset + 32, offset + 64);
    int parity = (vs[0] >>> 7) & 1;
    vs[0] &= 0x7f;
    return of(word(data, offset), new BigInteger(1, vs), parity);
  }

  /** The signature, or empty when r or s is outside {@code [1, n)}. */
  public static Optional<EcdsaSignature> of(BigInteger r, BigInteger s, int recoveryId) {
    if (!inScalarRange(r) || !inScalarRange(s)) {
      return Optional.empty();
    }
    return Optional.of(new EcdsaSignature(r, s, recoveryId));
  }

  /** The same point with the other y parity and {@code n - s}: the malleated twin. */
  public EcdsaSignature malleated() {
    return new EcdsaSignature(r, Secp256k1.N.subtract(s), 1 - recoveryId);
  }

  private static boolean inScalarRange(BigInteger value) {
    return value != null && value.signum() > 0 && value.compareTo(Secp256k1.N) < 0;
  }

  private static BigInteger word(byte[] data, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 32));
  }
}
