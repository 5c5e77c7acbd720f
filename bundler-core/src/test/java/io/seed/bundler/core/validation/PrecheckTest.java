package io.seed.bundler.core.validation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.gas.PreVerificationGasConfig;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class PrecheckTest {
  private static final Address SENDER = Address.fromHex("0x1000000000000000000000000000000000000001");
  private static final Address FACTORY = Address.fromHex("0x2000000000000000000000000000000000000002");
  private static final Address PAYMASTER = Address.fromHex("0x3000000000000000000000000000000000000003");
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final ChainSnapshot DEPLOYED =
      new ChainSnapshot(GWEI, 30_000_000, 1_700_000_000L, true, null, false, false);
  private static final PrecheckConfig CONFIG =
      new PrecheckConfig(
          1_000, 100, 200, 300, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000),
          BigInteger.valueOf(500_000), BigInteger.valueOf(400_000), 100, BigInteger.valueOf(100));

  private final Precheck precheck =
      new Precheck(CONFIG, new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET));

  @Test
  void shouldPassAWellFormedOperationOfADeployedAccount() {
    assertThatCode(() -> precheck.check(op(), DEPLOYED)).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectOversizedFields() {
    assertInvalid(op(Bytes.wrap(new byte[1_001]), Bytes.wrap(new byte[65])), DEPLOYED,
        "callData is 1001 bytes, more than the 1000 allowed");
    assertInvalid(op(Bytes.EMPTY, Bytes.wrap(new byte[101])), DEPLOYED,
        "signature is 101 bytes, more than the 100 allowed");
  }

  @Test
  void shouldRejectGasLimitsAboveTheirCaps() {
    PackedUserOperation op = op();
    assertInvalid(gas(op, 80_000, 1_000_001, 100_000), DEPLOYED,
        "verificationGasLimit 1000001 exceeds the maximum 1000000");
    assertInvalid(gas(op, 80_000, 100_000, 2_000_001), DEPLOYED,
        "callGasLimit 2000001 exceeds the maximum 2000000");
  }

  @Test
  void shouldRejectATotalAboveTheBlockGasLimit() {
    ChainSnapshot smallBlocks = new ChainSnapshot(GWEI, 250_000, 0, true, null, false, false);
    assertInvalid(op(), smallBlocks, "total gas of the operation 280000 exceeds the block gas limit 250000");
  }

  @Test
  void shouldRejectPreVerificationGasBelowTheCalldataCost() {
    PackedUserOperation op = op();
    assertInvalid(gas(op, 30_000, 100_000, 100_000), DEPLOYED, "preVerificationGas 30000 is below");
  }

  @Test
  void shouldApplyTheFeeFloor() {
    assertInvalid(op().withFees(GWEI.subtract(BigInteger.ONE), BigInteger.valueOf(100)), DEPLOYED,
        "is below the required 1000000000");
    assertInvalid(op().withFees(GWEI.multiply(BigInteger.TWO), BigInteger.valueOf(99)), DEPLOYED,
        "maxPriorityFeePerGas 99 is below the minimum 100");
    assertInvalid(op().withFees(GWEI, GWEI.add(BigInteger.ONE)), DEPLOYED,
        "maxPriorityFeePerGas 1000000001 exceeds maxFeePerGas");
  }

  @Test
  void shouldRejectInitCodeForADeployedSenderAndNoInitCodeForAnUndeployedOne() {
    ChainSnapshot undeployed = new ChainSnapshot(GWEI, 30_000_000, 0, false, null, true, false);
    assertRejected(withFactory(op()), DEPLOYED, RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
        "AA10 sender already constructed");
    assertRejected(op(), undeployed, RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
        "AA20 account not deployed");
    assertThatCode(() -> precheck.check(withFactory(op()), undeployed)).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectAPaymasterWithoutCode() {
    assertRejected(withPaymaster(op()), DEPLOYED, RejectionReason.REJECTED_BY_PAYMASTER,
        "AA30 paymaster not deployed");
  }

  private static PackedUserOperation op() {
    return op(Bytes.fromHex("0xb61d27f6"), Bytes.wrap(new byte[65]));
  }

  private static PackedUserOperation op(Bytes callData, Bytes signature) {
    return new PackedUserOperation(
        SENDER, BigInteger.ZERO, null, Bytes.EMPTY, callData, BigInteger.valueOf(100_000),
        BigInteger.valueOf(100_000), BigInteger.valueOf(80_000), GWEI.multiply(BigInteger.TWO),
        BigInteger.valueOf(100), null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, signature,
        null);
  }

  private static PackedUserOperation gas(PackedUserOperation op, long pvg, long vgl, long cgl) {
    return op.withGas(BigInteger.valueOf(pvg), BigInteger.valueOf(vgl), BigInteger.valueOf(cgl),
        BigInteger.ZERO, BigInteger.ZERO);
  }

  private static PackedUserOperation withFactory(PackedUserOperation op) {
    return new PackedUserOperation(
        op.sender(), op.nonce(), FACTORY, Bytes.fromHex("0x01"), op.callData(), op.callGasLimit(),
        op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
        op.signature(), null);
  }

  private static PackedUserOperation withPaymaster(PackedUserOperation op) {
    return new PackedUserOperation(
        op.sender(), op.nonce(), null, Bytes.EMPTY, op.callData(), op.callGasLimit(),
        op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), PAYMASTER, BigInteger.valueOf(50_000), BigInteger.ZERO,
        Bytes.EMPTY, op.signature(), null);
  }

  private void assertInvalid(PackedUserOperation op, ChainSnapshot chain, String message) {
    assertRejected(op, chain, RejectionReason.INVALID_FIELDS, message);
  }

  private void assertRejected(
      PackedUserOperation op, ChainSnapshot chain, RejectionReason reason, String message) {
    assertThatThrownBy(() -> precheck.check(op, chain))
        .isInstanceOf(UserOperationRejectedException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UserOperationRejectedException) e).reason())
        .isEqualTo(reason);
  }
}
