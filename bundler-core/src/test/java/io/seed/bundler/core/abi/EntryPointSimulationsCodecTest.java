package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class EntryPointSimulationsCodecTest {
  private static final PackedUserOperation OP =
      new PackedUserOperation(
          Address.fromHex("0x2222222222222222222222222222222222222222"),
          BigInteger.valueOf(5),
          Address.fromHex("0x3333333333333333333333333333333333333333"),
          Bytes.fromHex("0x0102"),
          Bytes.fromHex("0xb61d27f6"),
          BigInteger.valueOf(200_000),
          BigInteger.valueOf(100_000),
          BigInteger.valueOf(50_000),
          BigInteger.valueOf(2_000_000_000L),
          BigInteger.valueOf(1_000_000_000L),
          null,
          BigInteger.ZERO,
          BigInteger.ZERO,
          Bytes.EMPTY,
          Bytes.fromHex("0x" + "ab".repeat(65)),
          null);

  @Test
  void shouldEncodeSimulateValidationAsViemDoes() {
    assertThat(EntryPointSimulationsCodec.encodeSimulateValidation(OP))
        .isEqualTo(EntryPointVectors.get("sv"));
  }

  @Test
  void shouldEncodeSimulateHandleOpAsViemDoes() {
    Bytes encoded =
        EntryPointSimulationsCodec.encodeSimulateHandleOp(
            OP,
            Address.fromHex("0x4444444444444444444444444444444444444444"),
            Bytes.fromHex("0xcafe"));
    assertThat(encoded).isEqualTo(EntryPointVectors.get("sh"));
  }

  @Test
  void shouldDecodeEveryMemberOfValidationResult() {
    ValidationResult result =
        EntryPointSimulationsCodec.decodeValidationResult(EntryPointVectors.get("vr"));

    ValidationResult.ReturnInfo info = result.returnInfo();
    assertThat(info.preOpGas()).isEqualTo(123_456);
    assertThat(info.prefund()).isEqualTo(BigInteger.TEN.pow(18));
    assertThat(info.accountValidationData())
        .isEqualTo(new ValidationData(ValidationData.SIGNATURE_FAILURE, 1_700_000_100L, 1_700_003_600L));
    assertThat(info.paymasterValidationData()).isEqualTo(new ValidationData(Address.ZERO, 5, 0));
    assertThat(info.paymasterContext()).isEqualTo(Bytes.fromHex("0xdeadbeef"));
    assertThat(result.senderInfo()).isEqualTo(stake(1, 2));
    assertThat(result.factoryInfo()).isEqualTo(stake(3, 4));
    assertThat(result.paymasterInfo()).isEqualTo(stake(5, 6));
    assertThat(result.aggregatorInfo().aggregator())
        .isEqualTo(Address.fromHex("0x1111111111111111111111111111111111111111"));
    assertThat(result.aggregatorInfo().stakeInfo()).isEqualTo(stake(7, 8));
  }

  @Test
  void shouldDecodeExecutionResult() {
    ExecutionResult result =
        EntryPointSimulationsCodec.decodeExecutionResult(EntryPointVectors.get("er"));

    assertThat(result.preOpGas()).isEqualTo(50_000);
    assertThat(result.paid()).isEqualTo(777);
    assertThat(result.accountValidationData()).isEqualTo(ValidationData.UNBOUNDED);
    assertThat(result.paymasterValidationData().signatureFailed()).isTrue();
    assertThat(result.targetSuccess()).isTrue();
    assertThat(result.targetResult()).isEqualTo(Bytes.fromHex("0x0102"));
  }

  @Test
  void shouldRefuseTruncatedValidationResult() {
    Bytes full = EntryPointVectors.get("vr");
    Bytes truncated = full.slice(0, full.length() - 64);
    assertThatThrownBy(() -> EntryPointSimulationsCodec.decodeValidationResult(truncated))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldRecogniseExecuteUserOpCallData() {
    Bytes call = EntryPointSimulationsCodec.encodeExecuteUserOp(OP, io.seed.bundler.core.types.Bytes32.ZERO);
    assertThat(call.slice(0, 4)).isEqualTo(Bytes.fromHex("0x8dd7712f"));
    assertThat(EntryPointSimulationsCodec.isExecuteUserOp(call)).isTrue();
    assertThat(EntryPointSimulationsCodec.isExecuteUserOp(OP.callData())).isFalse();
  }

  private static StakeInfo stake(long stake, long delay) {
    return new StakeInfo(BigInteger.valueOf(stake), BigInteger.valueOf(delay));
  }
}
