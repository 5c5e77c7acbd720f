package io.seed.bundler.core.sessionkey.crypto;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Hash;

/**
 * A session key's public key Q, held with its own precomputed multiplication table so that
 * checking a signature is one run of mixed point additions through Q's table and the generator's
 * ({@link FixedWindowTable}) in purpose-built field arithmetic ({@link FieldElement}): no point
 * decompression, no doubling, no per-signature table building as a generic recovery needs.
 *
 * <p>{@link #verifies} answers exactly whether {@code ecrecover(hash, v, r, s)} returns this key's
 * address: ecrecover yields Q exactly when the point R with x = r and the y parity of v equals
 * s⁻¹e·G + s⁻¹r·Q, so the check compares that point's x with r and its y parity with v (plain
 * ECDSA verification, which compares only x mod n, would accept the wrong v, and an x of r + n
 * that ecrecover never reads). Sums the fast arithmetic cannot trust (an addition of equal or
 * opposite points, the point at infinity) are decided again by Bouncy Castle's generic code.
 */
public final class SessionKeyPublicKey {
  /** Six-bit signed windows: at most 43 additions a product, built in a few milliseconds. */
  private static final int KEY_WINDOW_BITS = 6;

  /** Size of one key's table: 43 six-bit windows of 32 affine points, 64 bytes each. */
  public static final int TABLE_BYTES = FixedWindowTable.bytes(KEY_WINDOW_BITS);

  private final ECPoint point;
  /** Built on the first verification: recovered keys that match no signer never need one. */
  private volatile FixedWindowTable table;
  private final Address address;

  private SessionKeyPublicKey(ECPoint point) {
    this.point = point.normalize();
    byte[] uncompressed = this.point.getEncoded(false);
    byte[] hash = Hash.sha3(Arrays.copyOfRange(uncompressed, 1, 65));
    this.address = Address.of(Arrays.copyOfRange(hash, 12, 32));
  }

  /**
   * The key from its 64-byte uncompressed encoding {@code x ‖ y}.
   *
   * @throws IllegalArgumentException when the bytes are not a point on the curve
   */
  public static SessionKeyPublicKey fromUncompressed(byte[] xy) {
    if (xy.length != 64) {
      throw new IllegalArgumentException("public key must be 64 bytes, got " + xy.length);
    }
    byte[] encoded = new byte[65];
    encoded[0] = 0x04;
    System.arraycopy(xy, 0, encoded, 1, 64);
    return new SessionKeyPublicKey(Secp256k1.CURVE.decodePoint(encoded));
  }

  /**
   * What ecrecover returns for {@code hash} and {@code signature}: the generic (slow) path, used
   * once per session key before its public key is known.
   */
  public static Optional<SessionKeyPublicKey> recover(byte[] hash, EcdsaSignature signature) {
    ECPoint nonce = Secp256k1.pointFromX(signature.r(), signature.recoveryId());
    if (nonce == null) {
      return Optional.empty();
    }
    BigInteger rInverse = BigIntegers.modOddInverseVar(Secp256k1.N, signature.r());
    BigInteger e = new BigInteger(1, hash).mod(Secp256k1.N);
    ECPoint key = ECAlgorithms.sumOfTwoMultiplies(
        nonce, signature.s().multiply(rInverse).mod(Secp256k1.N),
        Secp256k1.G, Secp256k1.N.subtract(e).multiply(rInverse).mod(Secp256k1.N));
    return key.isInfinity() ? Optional.empty() : Optional.of(new SessionKeyPublicKey(key));
  }

  /** The session key's address: the last 20 bytes of keccak256(x ‖ y). */
  public Address address() {
    return address;
  }

  /** The 64-byte {@code x ‖ y} encoding. */
  public byte[] toUncompressed() {
    return Arrays.copyOfRange(point.getEncoded(false), 1, 65);
  }

  /** True when ecrecover of {@code hash} and {@code signature} returns this key. */
  public boolean verifies(EcdsaSignature signature, byte[] hash) {
    BigInteger sInverse = BigIntegers.modOddInverseVar(Secp256k1.N, signature.s());
    BigInteger u2 = signature.r().multiply(sInverse).mod(Secp256k1.N);
    return matches(signature, hash, sInverse, u2, keyProduct(u2));
  }

  /**
   * True when ecrecover returns this key for either hash. The two checks share u2*Q (it depends on
   * r and s only), which a signer accepting a raw hash or its EIP-191 form benefits from.
   */
  public boolean verifiesEither(EcdsaSignature signature, byte[] firstHash, byte[] secondHash) {
    BigInteger sInverse = BigIntegers.modOddInverseVar(Secp256k1.N, signature.s());
    BigInteger u2 = signature.r().multiply(sInverse).mod(Secp256k1.N);
    JacobianPoint keyProduct = keyProduct(u2);
    return matches(signature, firstHash, sInverse, u2, keyProduct)
        || matches(signature, secondHash, sInverse, u2, keyProduct);
  }

  private JacobianPoint keyProduct(BigInteger u2) {
    JacobianPoint product = new JacobianPoint();
    table().addMultiple(product, Nat256.fromBigInteger(u2));
    return product;
  }

  private FixedWindowTable table() {
    FixedWindowTable built = table;
    if (built == null) {
      // Two threads may both build it; either result is the same table, so the race is benign.
      built = new FixedWindowTable(point, KEY_WINDOW_BITS);
      table = built;
    }
    return built;
  }

  /** Whether u1*G + u2*Q, u2*Q given, is the nonce point R of the signature. */
  private boolean matches(EcdsaSignature signature, byte[] hash, BigInteger sInverse,
      BigInteger u2, JacobianPoint keyProduct) {
    BigInteger e = new BigInteger(1, hash).mod(Secp256k1.N);
    BigInteger u1 = e.multiply(sInverse).mod(Secp256k1.N);
    JacobianPoint nonce = new JacobianPoint();
    nonce.set(keyProduct);
    Secp256k1.G_TABLE.addMultiple(nonce, Nat256.fromBigInteger(u1));
    if (!nonce.isExact()) {
      return matchesGenerically(signature, u1, u2);
    }
    return nonce.hasAffineX(FieldElement.of(signature.r()))
        && nonce.affineYParity() == signature.recoveryId();
  }

  /** The same decision by Bouncy Castle's complete formulas, for sums the walk cannot trust. */
  private boolean matchesGenerically(EcdsaSignature signature, BigInteger u1, BigInteger u2) {
    ECPoint nonce = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, point, u2).normalize();
    return !nonce.isInfinity()
        && nonce.getAffineXCoord().toBigInteger().equals(signature.r())
        && (nonce.getAffineYCoord().testBitZero() ? 1 : 0) == signature.recoveryId();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionKeyPublicKey that && point.equals(that.point);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  @Override
  public String toString() {
    return "SessionKeyPublicKey[" + address + "]";
  }
}
