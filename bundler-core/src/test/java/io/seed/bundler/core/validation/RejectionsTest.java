package io.seed.bundler.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.ValidationData;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RejectionsTest {

  @Test
  void shouldBlameTheAccountForAA1xAndAA2x() {
    assertCategory("AA13 initCode failed or OOG", RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertCategory("AA25 invalid account nonce", RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
  }

  @Test
  void shouldBlameThePaymasterForAA3x() {
    assertCategory("AA31 paymaster deposit too low", RejectionReason.REJECTED_BY_PAYMASTER);
    assertCategory("AA33 reverted", RejectionReason.REJECTED_BY_PAYMASTER);
  }

  @Test
  void shouldTreatAA24AndAA34AsSignatureErrors() {
    assertCategory("AA24 signature error", RejectionReason.INVALID_SIGNATURE);
    assertCategory("AA34 signature error", RejectionReason.INVALID_SIGNATURE);
  }

  @Test
  void shouldCarryTheInnerReasonOfFailedOpWithRevert() {
    Bytes inner = errorString("ECDSA: bad");
    UserOperationRejectedException rejected =
        Rejections.fromRevert(new EntryPointRevert.FailedOpWithRevert(BigInteger.ZERO, "AA23 reverted", inner));

    assertThat(rejected.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
    assertThat(rejected.getMessage()).isEqualTo("AA23 reverted: ECDSA: bad");
  }

  @Test
  void shouldRefuseSignatureFailuresOfAccountOrPaymaster() {
    ValidationData failed = new ValidationData(ValidationData.SIGNATURE_FAILURE, 0, 0);
    assertThatThrownBy(() -> Rejections.requireAuthorized(ValidationData.UNBOUNDED, failed))
        .isInstanceOfSatisfying(
            UserOperationRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE);
              assertThat(e.getMessage()).isEqualTo(Rejections.INVALID_SIGNATURE_MESSAGE);
            });
  }

  @Test
  void shouldJudgeTheWindowWithTheMargin() {
    assertThatCode(() -> Rejections.requireValidWindow(new ValidationData(Address.ZERO, 100, 131), 100, 30))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Rejections.requireValidWindow(new ValidationData(Address.ZERO, 0, 129), 100, 30))
        .hasMessageContaining("expires too soon");
    assertThatThrownBy(() -> Rejections.requireValidWindow(new ValidationData(Address.ZERO, 101, 0), 100, 30))
        .hasMessageContaining("not valid yet");
  }

  private static void assertCategory(String reason, RejectionReason category) {
    UserOperationRejectedException rejected =
        Rejections.fromRevert(new EntryPointRevert.FailedOp(BigInteger.ZERO, reason));
    assertThat(rejected.reason()).isEqualTo(category);
    assertThat(rejected.getMessage()).isEqualTo(reason);
  }

  private static Bytes errorString(String message) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[4 + 32 + 32 + 32];
    byte[] selector = {0x08, (byte) 0xc3, 0x79, (byte) 0xa0};
    System.arraycopy(selector, 0, out, 0, 4);
    out[4 + 31] = 0x20;
    out[4 + 63] = (byte) text.length;
    System.arraycopy(text, 0, out, 4 + 64, text.length);
    return Bytes.wrap(out);
  }
}
