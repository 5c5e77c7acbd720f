package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class SessionKeyPublicKeyTest {
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e55104));
  private static final ECKeyPair OTHER = ECKeyPair.create(BigInteger.valueOf(0x07e4));
  private static final SessionKeyPublicKey KEY = SessionKeyPublicKey.fromUncompressed(
      BigIntegers.asUnsignedByteArray(64, SESSION.getPublicKey()));

  static EcdsaSignature sign(byte[] hash, ECKeyPair key) {
    Sign.SignatureData data = Sign.signMessage(hash, key, false);
    return EcdsaSignature.fromRsv(rsv(data), 0).orElseThrow();
  }

  static byte[] rsv(Sign.SignatureData data) {
    byte[] out = new byte[65];
    System.arraycopy(data.getR(), 0, out, 0, 32);
    System.arraycopy(data.getS(), 0, out, 32, 32);
    out[64] = data.getV()[0];
    return out;
  }

  private static SessionKeyPublicKey key(ECKeyPair pair) {
    return SessionKeyPublicKey.fromUncompressed(
        BigIntegers.asUnsignedByteArray(64, pair.getPublicKey()));
  }

  private static byte[] hash(String text) {
    return Hash.sha3(text.getBytes());
  }

  @Test
  void shouldDeriveTheAddressOfTheKey() {
    assertThat(KEY.address())
        .isEqualTo(Address.fromHex("0x" + Keys.getAddress(SESSION.getPublicKey())));
  }

  @Test
  void shouldVerifyAWeb3jSignature() {
    byte[] hash = hash("operation");

    assertThat(KEY.verifies(sign(hash, SESSION), hash)).isTrue();
  }

  @Test
  void shouldAcceptTheHighSTwinAsEcrecoverDoes() {
    byte[] hash = hash("malleable");
    EcdsaSignature low = sign(hash, SESSION);
    EcdsaSignature high = low.malleated();

    assertThat(high.s()).isGreaterThan(Secp256k1.N.shiftRight(1));
    assertThat(KEY.verifies(high, hash)).isTrue();
    assertThat(SessionKeyPublicKey.recover(hash, high).orElseThrow().address())
        .isEqualTo(KEY.address());
  }

  @Test
  void shouldRejectTheWrongRecoveryIdThatPlainEcdsaWouldAccept() {
    byte[] hash = hash("parity");
    EcdsaSignature good = sign(hash, SESSION);
    EcdsaSignature flipped = new EcdsaSignature(good.r(), good.s(), 1 - good.recoveryId());

    assertThat(KEY.verifies(flipped, hash)).isFalse();
  }

  @Test
  void shouldRejectAnotherKeyAndAnotherHash() {
    byte[] hash = hash("scope");

    assertThat(KEY.verifies(sign(hash, OTHER), hash)).isFalse();
    assertThat(KEY.verifies(sign(hash, SESSION), hash("other"))).isFalse();
  }

  @Test
  void shouldVerifyEitherHashSharingTheKeyProduct() {
    byte[] hash = hash("either");
    byte[] prefixed = Eip191.ethSignedMessageHash(hash);
    EcdsaSignature signature = sign(prefixed, SESSION);

    assertThat(KEY.verifiesEither(signature, hash, prefixed)).isTrue();
    assertThat(KEY.verifiesEither(signature, prefixed, hash)).isTrue();
    assertThat(KEY.verifiesEither(signature, hash, hash("neither"))).isFalse();
  }

  @Test
  void shouldAgreeWithWeb3jRecoveryOnRandomSignaturesAndKeys() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      ECKeyPair signer = ECKeyPair.create(new BigInteger(250, random).add(BigInteger.ONE));
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      EcdsaSignature signature = sign(hash, i % 3 == 0 ? OTHER : signer);
      if (i % 2 == 0) {
        signature = signature.malleated();
      }
      SessionKeyPublicKey key = SessionKeyPublicKey.fromUncompressed(
          BigIntegers.asUnsignedByteArray(64, signer.getPublicKey()));
      BigInteger web3j = Sign.recoverFromSignature(signature.recoveryId(),
          new ECDSASignature(signature.r(), signature.s()), hash);
      boolean recovered = signer.getPublicKey().equals(web3j);

      assertThat(key.verifies(signature, hash)).as("signature %d", i).isEqualTo(recovered);
      assertThat(SessionKeyPublicKey.recover(hash, signature).orElseThrow().toUncompressed())
          .isEqualTo(BigIntegers.asUnsignedByteArray(64, web3j));
    }
  }

  @Test
  void shouldAgreeWithWeb3jOnFlippedParitiesWrongKeysAndHighS() {
    Random random = new Random(17);
    for (int i = 0; i < 400; i++) {
      ECKeyPair signer = ECKeyPair.create(new BigInteger(256, random).mod(Secp256k1.N)
          .max(BigInteger.ONE));
      ECKeyPair checked = i % 5 == 0 ? OTHER : signer;
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      EcdsaSignature signature = sign(hash, signer);
      if (random.nextBoolean()) {
        signature = signature.malleated();
      }
      if (i % 3 == 0) {
        signature = new EcdsaSignature(signature.r(), signature.s(), 1 - signature.recoveryId());
      }
      SessionKeyPublicKey key = key(checked);
      boolean ecrecover = checked.getPublicKey().equals(Sign.recoverFromSignature(
          signature.recoveryId(), new ECDSASignature(signature.r(), signature.s()), hash));

      assertThat(key.verifies(signature, hash)).as("signature %d", i).isEqualTo(ecrecover);
      assertThat(key.verifiesEither(signature, hash("unrelated"), hash)).isEqualTo(ecrecover);
    }
  }

  @Test
  void shouldReduceHashesAtOrAboveTheGroupOrderAsEcrecoverDoes() {
    BigInteger n = Secp256k1.N;
    for (BigInteger value : List.of(BigInteger.ZERO, n, n.add(BigInteger.valueOf(5)),
        BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))) {
      byte[] hash = BigIntegers.asUnsignedByteArray(32, value);
      EcdsaSignature signature = sign(hash, SESSION);

      assertThat(KEY.verifies(signature, hash)).as("hash %s", value).isTrue();
      assertThat(KEY.verifies(signature.malleated(), hash)).isTrue();
      assertThat(SessionKeyPublicKey.recover(hash, signature).orElseThrow()).isEqualTo(KEY);
    }
  }

  @Test
  void shouldRejectANonceWhoseXIsRPlusNWhichEcrecoverNeverReads() {
    BigInteger n = Secp256k1.N;
    BigInteger r = BigInteger.ONE;
    while (Secp256k1.pointFromX(r.add(n), 0) == null) {
      r = r.add(BigInteger.ONE);
    }
    ECPoint nonce = Secp256k1.pointFromX(r.add(n), 0);
    BigInteger s = BigInteger.valueOf(777);
    byte[] hash = hash("x overflows n");
    BigInteger e = new BigInteger(1, hash);
    // The key for which s⁻¹(e·G + r·Q) is the nonce whose x is r + n: x mod n equals r.
    ECPoint q = nonce.multiply(s).subtract(Secp256k1.G.multiply(e))
        .multiply(r.modInverse(n)).normalize();
    SessionKeyPublicKey key = SessionKeyPublicKey.fromUncompressed(
        Arrays.copyOfRange(q.getEncoded(false), 1, 65));
    EcdsaSignature signature = new EcdsaSignature(r, s, 0);
    BigInteger ecrecover =
        Sign.recoverFromSignature(0, new ECDSASignature(r, s), hash);

    assertThat(Secp256k1.G.multiply(e.multiply(s.modInverse(n)))
        .add(q.multiply(r.multiply(s.modInverse(n)))).normalize()).isEqualTo(nonce);
    assertThat(ecrecover).isNotEqualTo(new BigInteger(1, key.toUncompressed()));
    assertThat(key.verifies(signature, hash)).isFalse();
    assertThat(key.verifies(new EcdsaSignature(r, s, 1), hash)).isFalse();
  }

  @Test
  void shouldDecideExactlyWhenTheWalkAddsAPointToItself() {
    // Key G, s = r and hash r: u1 = u2 = 1, so the walk adds G to G, which the mixed addition
    // cannot; the generic path must find s⁻¹(e·G + r·Q) = 2G.
    ECKeyPair one = ECKeyPair.create(BigInteger.ONE);
    ECPoint twoG = Secp256k1.G.twice().normalize();
    BigInteger r = twoG.getAffineXCoord().toBigInteger();
    int parity = twoG.getAffineYCoord().testBitZero() ? 1 : 0;
    byte[] hash = BigIntegers.asUnsignedByteArray(32, r);
    EcdsaSignature signature = new EcdsaSignature(r, r, parity);
    EcdsaSignature flipped = new EcdsaSignature(r, r, 1 - parity);

    assertThat(Sign.recoverFromSignature(parity, new ECDSASignature(r, r), hash))
        .isEqualTo(one.getPublicKey());
    assertThat(key(one).verifies(signature, hash)).isTrue();
    assertThat(key(one).verifies(flipped, hash)).isFalse();
  }

  @Test
  void shouldRejectWhenTheNonceSumIsThePointAtInfinity() {
    // Key G, s = r and hash n - r: u1 = -1 and u2 = 1, so e·G + r·Q is the point at infinity,
    // which no nonce point equals.
    ECKeyPair one = ECKeyPair.create(BigInteger.ONE);
    BigInteger r = Secp256k1.G.twice().normalize().getAffineXCoord().toBigInteger();
    byte[] hash = BigIntegers.asUnsignedByteArray(32, Secp256k1.N.subtract(r));

    for (int parity = 0; parity <= 1; parity++) {
      assertThat(Sign.recoverFromSignature(parity, new ECDSASignature(r, r), hash))
          .isNotEqualTo(one.getPublicKey());
      assertThat(key(one).verifies(new EcdsaSignature(r, r, parity), hash)).isFalse();
    }
  }

  @Test
  void shouldRoundTripTheUncompressedEncoding() {
    byte[] encoded = KEY.toUncompressed();

    assertThat(SessionKeyPublicKey.fromUncompressed(encoded)).isEqualTo(KEY);
    assertThat(Arrays.equals(encoded, BigIntegers.asUnsignedByteArray(64,
        SESSION.getPublicKey()))).isTrue();
  }

  @Test
  void shouldRecoverNothingWhenRIsNotTheXOfACurvePoint() {
    BigInteger r = BigInteger.valueOf(5);
    while (Secp256k1.pointFromX(r, 0) != null) {
      r = r.add(BigInteger.ONE);
    }
    EcdsaSignature signature = new EcdsaSignature(r, BigInteger.TWO, 0);

    assertThat(SessionKeyPublicKey.recover(hash("off curve"), signature)).isEmpty();
    assertThat(KEY.verifies(signature, hash("off curve"))).isFalse();
  }
}
