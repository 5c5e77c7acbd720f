package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.sessionkey.SessionSigner.OwnableSessionKeys;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class SignerVerificationTest {
  private static final ECKeyPair ALICE = ECKeyPair.create(BigInteger.valueOf(1111));
  private static final ECKeyPair BOB = ECKeyPair.create(BigInteger.valueOf(2222));
  private static final ECKeyPair CAROL = ECKeyPair.create(BigInteger.valueOf(3333));
  private static final byte[] HASH = Hash.sha3(new byte[] {42});

  private final SignerVerification verification =
      new SignerVerification(new SessionKeyRegistry(100));

  private static Address address(ECKeyPair key) {
    return Address.fromHex("0x" + Keys.getAddress(key.getPublicKey()));
  }

  private static Bytes rsv(Sign.SignatureData data, int vOffset) {
    return Bytes.concat(Bytes.wrap(data.getR()), Bytes.wrap(data.getS()),
        Bytes.wrap(new byte[] {(byte) (data.getV()[0] + vOffset)}));
  }

  private static Bytes raw(ECKeyPair key) {
    return rsv(Sign.signMessage(HASH, key, false), 0);
  }

  private static Bytes prefixed(ECKeyPair key) {
    return rsv(Sign.signPrefixedMessage(HASH, key), 0);
  }

  private static OwnableSessionKeys owners(int threshold) {
    return new OwnableSessionKeys(threshold, List.of(address(ALICE), address(BOB)));
  }

  @Test
  void shouldAcceptOwnersSigningTheRawHashOrItsEip191Form() {
    assertThat(verification.check(owners(1), raw(ALICE), HASH)).isEqualTo(SignatureCheck.VALID);
    assertThat(verification.check(owners(1), prefixed(BOB), HASH))
        .isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void shouldReadVAbove30AsAnEthSignedSignatureWithVMinus4() {
    Bytes ethSign = rsv(Sign.signPrefixedMessage(HASH, ALICE), 4);

    assertThat(verification.check(owners(1), ethSign, HASH)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void shouldNeedThresholdDistinctOwners() {
    assertThat(verification.check(owners(2), Bytes.concat(raw(ALICE), raw(BOB)), HASH))
        .isEqualTo(SignatureCheck.VALID);
    assertThat(verification.check(owners(2), Bytes.concat(raw(ALICE), raw(ALICE)), HASH))
        .isEqualTo(SignatureCheck.INVALID);
    assertThat(verification.check(owners(2), Bytes.concat(raw(ALICE), raw(CAROL)), HASH))
        .isEqualTo(SignatureCheck.INVALID);
  }

  @Test
  void shouldLeaveContractSignaturesToSimulation() {
    Bytes contract = Bytes.concat(Bytes.wrap(new byte[64]), Bytes.wrap(new byte[] {0}));

    assertThat(verification.check(owners(1), contract, HASH)).isEqualTo(SignatureCheck.UNDECIDED);
  }

  @Test
  void shouldRevertOnTooFewSignatureBytes() {
    assertThatThrownBy(() -> verification.check(owners(2), raw(ALICE), HASH))
        .isInstanceOf(SessionKeyDecodingException.class)
        .hasMessageContaining("fewer than 2 signatures");
  }

  @Test
  void shouldNotJudgeAnOpaqueSigner() {
    SessionSigner opaque = new SessionSigner.OpaqueSigner(address(CAROL), Bytes.EMPTY);

    assertThat(verification.check(opaque, raw(ALICE), HASH)).isEqualTo(SignatureCheck.UNDECIDED);
  }
}
