package io.seed.bundler.core.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

class HandleOpsCodecTest {
  private static final Address BENEFICIARY =
      Address.fromHex("0x00000000000000000000000000000000000000be");

  @Test
  void shouldUseTheEntryPointSelector() {
    assertThat(HandleOpsCodec.selector().toHex()).isEqualTo("0x765e827f");
  }

  @Test
  void shouldRoundTripOperationsWithAndWithoutFactoryAndPaymaster() {
    PackedUserOperation plain = operation(1, null, null);
    PackedUserOperation full =
        operation(
            2,
            Address.fromHex("0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985"),
            Address.fromHex("0x1111111111111111111111111111111111111111"));

    Bytes calldata = HandleOpsCodec.encode(List.of(plain, full), BENEFICIARY);
    HandleOpsCall call = HandleOpsCodec.decode(calldata);

    assertThat(call.beneficiary()).isEqualTo(BENEFICIARY);
    assertThat(call.operations()).containsExactly(plain, full);
  }

  @Test
  void shouldEncodeAnEmptyBundle() {
    Bytes calldata = HandleOpsCodec.encode(List.of(), BENEFICIARY);

    assertThat(HandleOpsCodec.decode(calldata).operations()).isEmpty();
    // selector, array offset, beneficiary, array length
    assertThat(calldata.length()).isEqualTo(4 + 3 * 32);
  }

  @Test
  void shouldLayOutTheArgumentsAsTheAbiSays() {
    PackedUserOperation op = operation(7, null, null);
    Bytes calldata = HandleOpsCodec.encode(List.of(op), BENEFICIARY);
    AbiReader args = AbiReader.of(calldata.slice(4, calldata.length()));

    assertThat(args.uint(0)).isEqualTo(BigInteger.valueOf(64));
    assertThat(args.address(32)).isEqualTo(BENEFICIARY);
    assertThat(args.arrayLength(0)).isEqualTo(1);
    AbiReader tuple = args.arrayElements(0).tupleAt(0);
    assertThat(tuple.address(0)).isEqualTo(op.sender());
    assertThat(tuple.word(128).toArray()).isEqualTo(op.accountGasLimits());
    assertThat(tuple.word(192).toArray()).isEqualTo(op.gasFees());
    assertThat(tuple.dynamicBytes(256)).isEqualTo(op.signature());
  }

  @Test
  void shouldRejectCalldataOfAnotherFunction() {
    Bytes calldata = Bytes.fromHex("0xa9059cbb" + "00".repeat(64));

    assertThat(HandleOpsCodec.isHandleOps(calldata)).isFalse();
    assertThatThrownBy(() -> HandleOpsCodec.decode(calldata))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldRejectTruncatedCalldata() {
    Bytes calldata = HandleOpsCodec.encode(List.of(operation(1, null, null)), BENEFICIARY);
    Bytes truncated = calldata.slice(0, calldata.length() - 40);

    assertThatThrownBy(() -> HandleOpsCodec.decode(truncated))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldRejectAPaymasterAndDataShorterThanItsFixedPart() {
    Bytes calldata = rawHandleOps(Bytes.EMPTY, Bytes.wrap(new byte[30]));

    assertThatThrownBy(() -> HandleOpsCodec.decode(calldata))
        .isInstanceOf(AbiDecodingException.class)
        .hasMessageContaining("paymasterAndData");
  }

  @Test
  void shouldRejectAnInitCodeShorterThanAnAddress() {
    Bytes calldata = rawHandleOps(Bytes.wrap(new byte[19]), Bytes.EMPTY);

    assertThatThrownBy(() -> HandleOpsCodec.decode(calldata))
        .isInstanceOf(AbiDecodingException.class)
        .hasMessageContaining("initCode");
  }

  /** handleOps calldata with packed fields no {@link PackedUserOperation} can hold. */
  private static Bytes rawHandleOps(Bytes initCode, Bytes paymasterAndData) {
    DynamicStruct tuple =
        new DynamicStruct(
            new org.web3j.abi.datatypes.Address(BENEFICIARY.toHex()),
            new Uint256(1),
            new DynamicBytes(initCode.toArray()),
            new DynamicBytes(new byte[0]),
            new Bytes32(new byte[32]),
            new Uint256(0),
            new Bytes32(new byte[32]),
            new DynamicBytes(paymasterAndData.toArray()),
            new DynamicBytes(new byte[0]));
    String arguments =
        FunctionEncoder.encodeConstructor(
            List.of(
                new DynamicArray<>(DynamicStruct.class, List.of(tuple)),
                new org.web3j.abi.datatypes.Address(BENEFICIARY.toHex())));
    return Bytes.fromHex(HandleOpsCodec.selector().toHex() + arguments);
  }

  private static PackedUserOperation operation(long nonce, Address factory, Address paymaster) {
    return new PackedUserOperation(
        Address.fromHex("0x2222222222222222222222222222222222222222"),
        BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf(nonce)),
        factory,
        factory == null ? Bytes.EMPTY : Bytes.fromHex("0x5fbfb9cf0102"),
        Bytes.fromHex("0xb61d27f6deadbeef"),
        BigInteger.valueOf(100_000),
        BigInteger.valueOf(250_000),
        BigInteger.valueOf(50_000),
        BigInteger.valueOf(3_000_000_000L),
        BigInteger.valueOf(1_000_000_000L),
        paymaster,
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(60_000),
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(40_000),
        paymaster == null ? Bytes.EMPTY : Bytes.fromHex("0xcafe"),
        Bytes.wrap(new byte[65]),
        null);
  }
}
