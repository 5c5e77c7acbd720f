package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValidationDataTest {
  private static final Address AGGREGATOR =
      Address.fromHex("0x00000000000000000000000000000000000000aa");

  @Test
  void shouldUnpackAuthorizerAndWindow() {
    BigInteger packed =
        BigInteger.valueOf(100)
            .shiftLeft(208)
            .or(BigInteger.valueOf(200).shiftLeft(160))
            .or(new BigInteger("aa", 16));

    assertThat(ValidationData.parse(packed)).isEqualTo(new ValidationData(AGGREGATOR, 100, 200));
  }

  @Test
  void shouldTellSignatureFailureFromAggregator() {
    assertThat(ValidationData.parse(BigInteger.ONE).signatureFailed()).isTrue();
    assertThat(ValidationData.parse(BigInteger.ONE).hasAggregator()).isFalse();
    assertThat(new ValidationData(AGGREGATOR, 0, 0).hasAggregator()).isTrue();
    assertThat(ValidationData.parse(BigInteger.ZERO)).isEqualTo(ValidationData.UNBOUNDED);
  }

  @Test
  void shouldIntersectWindowsTreatingZeroUntilAsUnbounded() {
    ValidationData account = new ValidationData(Address.ZERO, 10, 0);
    ValidationData paymaster = new ValidationData(Address.ZERO, 5, 500);

    assertThat(account.intersect(paymaster)).isEqualTo(new ValidationData(Address.ZERO, 10, 500));
    assertThat(account.intersect(ValidationData.UNBOUNDED))
        .isEqualTo(new ValidationData(Address.ZERO, 10, 0));
  }

  @Test
  void shouldKeepAFailureFromEitherSideWhenIntersecting() {
    ValidationData failed = new ValidationData(ValidationData.SIGNATURE_FAILURE, 0, 0);

    assertThat(ValidationData.UNBOUNDED.intersect(failed).signatureFailed()).isTrue();
    assertThat(failed.intersect(ValidationData.UNBOUNDED).signatureFailed()).isTrue();
  }

  @Test
  void shouldRefuseValuesOutsideUint256() {
    assertThatThrownBy(() -> ValidationData.parse(BigInteger.ONE.shiftLeft(256)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
