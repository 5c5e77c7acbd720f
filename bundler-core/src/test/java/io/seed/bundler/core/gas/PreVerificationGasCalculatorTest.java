package io.seed.bundler.core.gas;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PreVerificationGasCalculatorTest {
  private static final PackedUserOperation OP =
      new PackedUserOperation(
          Address.fromHex("0x1000000000000000000000000000000000000001"), BigInteger.ZERO, null,
          Bytes.EMPTY, Bytes.fromHex("0xb61d27f6"), BigInteger.valueOf(100_000),
          BigInteger.valueOf(100_000), BigInteger.valueOf(50_000), BigInteger.TEN, BigInteger.ONE,
          null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.wrap(new byte[65]), null);
  private static final PreVerificationGasConfig NO_FLOOR =
      new PreVerificationGasConfig(21_000, 4, 16, 18_300, 4, 1, false);

  @Test
  void shouldChargeTheIntrinsicGasAndOverheadOnTopOfCalldata() {
    long pvg = new PreVerificationGasCalculator(NO_FLOOR).minimum(OP).longValueExact();
    assertThat(pvg).isGreaterThan(21_000 + 18_300).isLessThan(21_000 + 18_300 + 16 * 800);
  }

  @Test
  void shouldChargeNonZeroBytesMoreThanZeroBytes() {
    PreVerificationGasCalculator calculator = new PreVerificationGasCalculator(NO_FLOOR);
    byte[] ones = new byte[65];
    Arrays.fill(ones, (byte) 1);
    BigInteger zeros = calculator.minimum(OP);
    BigInteger nonZeros = calculator.minimum(OP.withSignature(Bytes.wrap(ones)));
    assertThat(nonZeros.subtract(zeros)).isEqualTo(BigInteger.valueOf(65 * 12));
  }

  @Test
  void shouldSplitTheFixedCostOverTheExpectedBundle() {
    BigInteger alone = new PreVerificationGasCalculator(NO_FLOOR).minimum(OP);
    BigInteger shared =
        new PreVerificationGasCalculator(new PreVerificationGasConfig(21_000, 4, 16, 18_300, 4, 10, false))
            .minimum(OP);
    assertThat(alone.subtract(shared).longValueExact()).isGreaterThan(21_000 * 9 / 10);
  }

  @Test
  void shouldApplyTheCalldataFloorToLargeCalldata() {
    byte[] big = new byte[4_000];
    Arrays.fill(big, (byte) 0x5a);
    PackedUserOperation heavy =
        new PackedUserOperation(
            OP.sender(), OP.nonce(), null, Bytes.EMPTY, Bytes.wrap(big), OP.callGasLimit(),
            OP.verificationGasLimit(), OP.preVerificationGas(), OP.maxFeePerGas(),
            OP.maxPriorityFeePerGas(), null, BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY,
            OP.signature(), null);
    BigInteger standard = new PreVerificationGasCalculator(NO_FLOOR).minimum(heavy);
    BigInteger withFloor = new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET).minimum(heavy);
    assertThat(withFloor).isGreaterThan(standard);
    assertThat(withFloor.longValueExact()).isGreaterThanOrEqualTo(4_000L * 4 * 10);
  }

  @Test
  void shouldNeverEstimateBelowWhatTheSignedOperationNeeds() {
    PreVerificationGasCalculator calculator = new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET);
    BigInteger estimated = calculator.forEstimation(OP);
    byte[] signature = new byte[65];
    Arrays.fill(signature, (byte) 0x77);
    PackedUserOperation signed =
        OP.withSignature(Bytes.wrap(signature))
            .withFees(BigInteger.valueOf(30_000_000_000L), BigInteger.valueOf(2_000_000_000L))
            .withGas(estimated, OP.verificationGasLimit(), OP.callGasLimit(), BigInteger.ZERO, BigInteger.ZERO);
    assertThat(estimated).isGreaterThanOrEqualTo(calculator.minimum(signed));
  }
}
