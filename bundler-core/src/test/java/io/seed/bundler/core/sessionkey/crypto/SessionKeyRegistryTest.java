package io.seed.bundler.core.sessionkey.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

class SessionKeyRegistryTest {
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(424242));
  private static final Address SESSION_ADDRESS =
      Address.fromHex("0x" + Keys.getAddress(SESSION.getPublicKey()));
  private static final Address STRANGER =
      Address.fromHex("0x" + Keys.getAddress(ECKeyPair.create(BigInteger.TEN).getPublicKey()));

  @Test
  void shouldLearnThePublicKeyFromTheFirstValidSignature() {
    SessionKeyRegistry registry = new SessionKeyRegistry(10);
    byte[] hash = Hash.sha3(new byte[] {1});

    assertThat(registry.find(SESSION_ADDRESS)).isEmpty();
    assertThat(registry.signedBy(SESSION_ADDRESS,
        SessionKeyPublicKeyTest.sign(hash, SESSION), hash)).isTrue();
    assertThat(registry.find(SESSION_ADDRESS)).isPresent();

    byte[] next = Hash.sha3(new byte[] {2});
    assertThat(registry.signedBy(SESSION_ADDRESS,
        SessionKeyPublicKeyTest.sign(next, SESSION), next)).isTrue();
  }

  @Test
  void shouldNotLearnFromASignatureOfAnotherKey() {
    SessionKeyRegistry registry = new SessionKeyRegistry(10);
    byte[] hash = Hash.sha3(new byte[] {3});

    assertThat(registry.signedBy(STRANGER, SessionKeyPublicKeyTest.sign(hash, SESSION), hash))
        .isFalse();
    assertThat(registry.find(STRANGER)).isEmpty();
  }

  @Test
  void shouldMatchEitherHashBeforeAndAfterTheKeyIsKnown() {
    SessionKeyRegistry registry = new SessionKeyRegistry(10);
    byte[] hash = Hash.sha3(new byte[] {4});
    byte[] prefixed = Eip191.ethSignedMessageHash(hash);
    EcdsaSignature signature = SessionKeyPublicKeyTest.sign(prefixed, SESSION);

    assertThat(registry.signedByEither(SESSION_ADDRESS, signature, hash, prefixed)).isTrue();
    assertThat(registry.signedByEither(SESSION_ADDRESS, signature, hash, prefixed)).isTrue();
    assertThat(registry.signedByEither(SESSION_ADDRESS, signature, hash, hash)).isFalse();
  }

  @Test
  void shouldFindTheSignerAmongCandidates() {
    SessionKeyRegistry registry = new SessionKeyRegistry(10);
    byte[] hash = Hash.sha3(new byte[] {5});
    EcdsaSignature signature = SessionKeyPublicKeyTest.sign(hash, SESSION);

    assertThat(registry.signerAmong(List.of(STRANGER, SESSION_ADDRESS), signature, hash))
        .contains(SESSION_ADDRESS);
    assertThat(registry.signerAmong(List.of(STRANGER), signature, hash)).isEmpty();
    assertThat(registry.signerAmong(List.of(SESSION_ADDRESS), signature, hash))
        .contains(SESSION_ADDRESS);
  }

  @Test
  void shouldHashTheEip191FormLikeWeb3j() {
    byte[] hash = Hash.sha3(new byte[] {6});

    assertThat(Eip191.ethSignedMessageHash(hash))
        .isEqualTo(org.web3j.crypto.Sign.getEthereumMessageHash(hash));
  }
}
