package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
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
