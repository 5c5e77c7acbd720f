package io.seed.bundler.rpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperation;
import io.seed.bundler.rpc.jsonrpc.RpcError;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UserOperationJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SENDER = "0x5a6b47F4131bf1feAFA56A05573314BcF44C9149";
  private static final String FACTORY = "0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985";
  private static final String PAYMASTER = "0x3F0E0d8Ae9BD0d2B84DE6f3e4f1cf7f1E9E0A1B2";
  private static final String UINT128_OVERFLOW = "0x1" + "0".repeat(32);
  private static final String UINT128_MAX = "0x" + "f".repeat(32);
  private static final String UINT256_OVERFLOW = "0x1" + "0".repeat(64);
  private static final String UINT256_MAX = "0x" + "f".repeat(64);
  private static final UserOperationJsonLimits LIMITS = new UserOperationJsonLimits(100, 50, 40, 30);

  private final UserOperationJson codec = new UserOperationJson(LIMITS);

  /** A complete v0.7 operation with factory and paymaster, as viem sends it. */
  private static ObjectNode fullOperation() {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    op.put("sender", SENDER);
    op.put("nonce", "0x1");
    op.put("factory", FACTORY);
    op.put("factoryData", "0x5fbfb9cf");
    op.put("callData", "0xb61d27f6");
    op.put("callGasLimit", "0x5208");
    op.put("verificationGasLimit", "0x186a0");
    op.put("preVerificationGas", "0xc350");
    op.put("maxFeePerGas", "0x3b9aca00");
    op.put("maxPriorityFeePerGas", "0x3b9aca00");
    op.put("paymaster", PAYMASTER);
    op.put("paymasterVerificationGasLimit", "0x7530");
    op.put("paymasterPostOpGasLimit", "0x0");
    op.put("paymasterData", "0x");
    op.put("signature", "0x" + "ab".repeat(30));
    return op;
  }

  /** A minimal v0.7 operation: no factory, no paymaster. */
  private static ObjectNode minimalOperation() {
    ObjectNode op = fullOperation();
    op.remove(java.util.List.of("factory", "factoryData", "paymaster",
        "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "paymasterData"));
    return op;
  }

  private static ObjectNode viemAuthorization() {
    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    auth.put("chainId", "0x7a69");
    auth.put("address", "0xe6Cae83BdE06E4c305530e199D7217f42808555B");
    auth.put("nonce", "0x0");
    auth.put("yParity", "0x01");
    auth.put("r", "0x00" + "12".repeat(31));
    auth.put("s", "0x" + "34".repeat(32));
    return auth;
  }

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        Arguments.of("sender", text("0x1234"), "invalid userOp field 'sender': must be 20 bytes, got 2"),
        Arguments.of("sender", null, "invalid userOp field 'sender': missing"),
        Arguments.of("sender", NullNode.getInstance(), "invalid userOp field 'sender': missing"),
        Arguments.of("sender", text("0x" + "zz".repeat(20)), "invalid userOp field 'sender': not a hex digit: 'z'"),
        Arguments.of("sender", text(SENDER.substring(2)), "invalid userOp field 'sender': must start with 0x"),
        Arguments.of("sender", text("0X" + SENDER.substring(2)), "invalid userOp field 'sender': must start with 0x"),
        Arguments.of("nonce", text("0x01"), "invalid userOp field 'nonce': quantity has leading zeros"),
        Arguments.of("nonce", text("0x00"), "invalid userOp field 'nonce': quantity has leading zeros"),
        Arguments.of("nonce", text("0x"), "invalid userOp field 'nonce': empty quantity, zero is 0x0"),
        Arguments.of("nonce", IntNode.valueOf(1), "invalid userOp field 'nonce': must be a hex string"),
        Arguments.of("nonce", text("0xg"), "invalid userOp field 'nonce': not a hex digit: 'g'"),
        Arguments.of("nonce", text("0x\u0661"), "invalid userOp field 'nonce': not a hex digit: '\u0661'"),
        Arguments.of("nonce", text(UINT256_OVERFLOW), "invalid userOp field 'nonce': exceeds uint256"),
        Arguments.of("nonce", null, "invalid userOp field 'nonce': missing"),
        Arguments.of("callGasLimit", text(UINT128_OVERFLOW), "invalid userOp field 'callGasLimit': exceeds uint128"),
        Arguments.of("callGasLimit", null, "invalid userOp field 'callGasLimit': missing"),
        Arguments.of("verificationGasLimit", text(UINT128_OVERFLOW), "invalid userOp field 'verificationGasLimit': exceeds uint128"),
        Arguments.of("verificationGasLimit", null, "invalid userOp field 'verificationGasLimit': missing"),
        Arguments.of("preVerificationGas", text(UINT256_OVERFLOW), "invalid userOp field 'preVerificationGas': exceeds uint256"),
        Arguments.of("preVerificationGas", null, "invalid userOp field 'preVerificationGas': missing"),
        Arguments.of("maxFeePerGas", text(UINT128_OVERFLOW), "invalid userOp field 'maxFeePerGas': exceeds uint128"),
        Arguments.of("maxFeePerGas", null, "invalid userOp field 'maxFeePerGas': missing"),
        Arguments.of("maxPriorityFeePerGas", text(UINT128_OVERFLOW), "invalid userOp field 'maxPriorityFeePerGas': exceeds uint128"),
        Arguments.of("maxPriorityFeePerGas", null, "invalid userOp field 'maxPriorityFeePerGas': missing"),
        Arguments.of("paymasterVerificationGasLimit", text(UINT128_OVERFLOW), "invalid userOp field 'paymasterVerificationGasLimit': exceeds uint128"),
        Arguments.of("paymasterVerificationGasLimit", null, "invalid userOp field 'paymasterVerificationGasLimit': missing"),
        Arguments.of("paymasterPostOpGasLimit", text(UINT128_OVERFLOW), "invalid userOp field 'paymasterPostOpGasLimit': exceeds uint128"),
        Arguments.of("paymasterPostOpGasLimit", null, "invalid userOp field 'paymasterPostOpGasLimit': missing"),
        Arguments.of("callData", text("0xabc"), "invalid userOp field 'callData': hex string has an odd number of digits"),
        Arguments.of("callData", text("0x" + "00".repeat(101)), "invalid userOp field 'callData': exceeds 100 bytes"),
        Arguments.of("callData", null, "invalid userOp field 'callData': missing"),
        Arguments.of("factory", text("0x" + "11".repeat(21)), "invalid userOp field 'factory': must be 20 bytes, got 21"),
        Arguments.of("factory", text("0x7702"), "invalid userOp field 'factory': must be 20 bytes, got 2"),
        Arguments.of("factoryData", text("0x" + "00".repeat(51)), "invalid userOp field 'factoryData': exceeds 50 bytes"),
        Arguments.of("paymaster", text("0x12"), "invalid userOp field 'paymaster': must be 20 bytes, got 1"),
        Arguments.of("paymasterData", text("0x" + "00".repeat(41)), "invalid userOp field 'paymasterData': exceeds 40 bytes"),
        Arguments.of("signature", text("0x" + "00".repeat(31)), "invalid userOp field 'signature': exceeds 30 bytes"),
        Arguments.of("signature", null, "invalid userOp field 'signature': missing"),
        Arguments.of("initCode", text("0x"), "invalid userOp field 'initCode': not a field of a v0.7 UserOperation"),
        Arguments.of("eip7702Auth", viemAuthorization(), "invalid userOp field 'eip7702Auth': not a field of a v0.7 UserOperation"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidFields")
  void shouldRefuseInvalidFieldNamingIt(String field, JsonNode value, String message) {
    ObjectNode op = fullOperation();
    if (value == null) {
      op.remove(field);
    } else {
      op.set(field, value);
    }

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_7), message);
  }

  static Stream<Arguments> invalidAuthorizationFields() {
    return Stream.of(
        Arguments.of("chainId", text("0x07a69"), "invalid userOp field 'eip7702Auth.chainId': quantity has leading zeros"),
        Arguments.of("chainId", null, "invalid userOp field 'eip7702Auth.chainId': missing"),
        Arguments.of("address", text("0x1234"), "invalid userOp field 'eip7702Auth.address': must be 20 bytes, got 2"),
        Arguments.of("nonce", text("0x1" + "0".repeat(16)), "invalid userOp field 'eip7702Auth.nonce': exceeds uint64"),
        Arguments.of("yParity", text("0x2"), "invalid userOp field 'eip7702Auth.yParity': must be 0 or 1"),
        Arguments.of("yParity", text("0x"), "invalid userOp field 'eip7702Auth.yParity': empty number"),
        Arguments.of("r", text("0x1" + "0".repeat(64)), "invalid userOp field 'eip7702Auth.r': exceeds uint256"),
        Arguments.of("s", null, "invalid userOp field 'eip7702Auth.s': missing"),
        Arguments.of("v", text("0x1b"), "invalid userOp field 'eip7702Auth.v': not a field of an EIP-7702 authorization"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidAuthorizationFields")
  void shouldRefuseInvalidAuthorizationFieldNamingIt(String field, JsonNode value, String message) {
    ObjectNode auth = viemAuthorization();
    if (value == null) {
      auth.remove(field);
    } else {
      auth.set(field, value);
    }
    ObjectNode op = minimalOperation();
    op.set("eip7702Auth", auth);

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_8), message);
  }

  @Test
  void shouldRefuseAuthorizationThatIsNotAnObject() {
    ObjectNode op = minimalOperation();
    op.put("eip7702Auth", "0x01");

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_8),
        "invalid userOp field 'eip7702Auth': must be an object");
  }

  @Test
  void shouldRefuseOperationThatIsNotAnObject() {
    assertInvalid(() -> codec.parse(text("0x"), EntryPointVersion.V0_7), "invalid userOp: must be an object");
    assertInvalid(() -> codec.parseV06(NullNode.getInstance()), "invalid userOp: must be an object");
  }

  @Test
  void shouldRefuseFactoryDataWithoutFactory() {
    ObjectNode op = minimalOperation();
    op.put("factoryData", "0x01");

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_7),
        "invalid userOp field 'factoryData': set without 'factory'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"paymasterVerificationGasLimit", "paymasterPostOpGasLimit"})
  void shouldRefusePaymasterGasWithoutPaymaster(String field) {
    ObjectNode op = minimalOperation();
    op.put(field, "0x1");

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_7),
        "invalid userOp field '" + field + "': set without 'paymaster'");
  }

  @Test
  void shouldRefusePaymasterDataWithoutPaymaster() {
    ObjectNode op = minimalOperation();
    op.put("paymasterData", "0x01");

    assertInvalid(() -> codec.parse(op, EntryPointVersion.V0_7),
        "invalid userOp field 'paymasterData': set without 'paymaster'");
  }

  @Test
  void shouldParseEveryFieldOfAFullOperation() {
    PackedUserOperation op = codec.parse(fullOperation(), EntryPointVersion.V0_7);

    assertThat(op.sender()).isEqualTo(Address.fromHex(SENDER));
    assertThat(op.nonce()).isEqualTo(BigInteger.ONE);
    assertThat(op.factory()).isEqualTo(Address.fromHex(FACTORY));
    assertThat(op.factoryData()).isEqualTo(Bytes.fromHex("0x5fbfb9cf"));
    assertThat(op.callData()).isEqualTo(Bytes.fromHex("0xb61d27f6"));
    assertThat(op.callGasLimit()).isEqualTo(BigInteger.valueOf(21_000));
    assertThat(op.verificationGasLimit()).isEqualTo(BigInteger.valueOf(100_000));
    assertThat(op.preVerificationGas()).isEqualTo(BigInteger.valueOf(50_000));
    assertThat(op.maxFeePerGas()).isEqualTo(BigInteger.valueOf(1_000_000_000));
    assertThat(op.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(1_000_000_000));
    assertThat(op.paymaster()).isEqualTo(Address.fromHex(PAYMASTER));
    assertThat(op.paymasterVerificationGasLimit()).isEqualTo(BigInteger.valueOf(30_000));
    assertThat(op.paymasterPostOpGasLimit()).isZero();
    assertThat(op.paymasterData()).isEqualTo(Bytes.EMPTY);
    assertThat(op.signature().length()).isEqualTo(30);
    assertThat(op.eip7702Auth()).isNull();
  }

  @Test
  void shouldAcceptTheLargestValueOfEachWidth() {
    ObjectNode json = fullOperation();
    json.put("nonce", UINT256_MAX);
    json.put("callGasLimit", UINT128_MAX);
    json.put("preVerificationGas", UINT256_MAX);
    json.put("callData", "0x" + "00".repeat(100));

    PackedUserOperation op = codec.parse(json, EntryPointVersion.V0_7);

    assertThat(op.nonce().bitLength()).isEqualTo(256);
    assertThat(op.callGasLimit().bitLength()).isEqualTo(128);
    assertThat(op.callData().length()).isEqualTo(100);
  }

  @Test
  void shouldAcceptUpperCaseHexDigitsAndZeroQuantity() {
    ObjectNode json = fullOperation();
    json.put("callGasLimit", "0xABCDEF");
    json.put("nonce", "0x0");
    json.put("callData", "0xB61D27F6");

    PackedUserOperation op = codec.parse(json, EntryPointVersion.V0_7);

    assertThat(op.callGasLimit()).isEqualTo(BigInteger.valueOf(0xABCDEF));
    assertThat(op.nonce()).isZero();
    assertThat(op.callData()).isEqualTo(Bytes.fromHex("0xb61d27f6"));
  }

  @Test
  void shouldTreatAbsentNullAndEmptyOptionalFieldsAsUnset() {
    ObjectNode json = minimalOperation();
    json.set("factory", NullNode.getInstance());
    json.put("factoryData", "0x");
    json.put("paymaster", "0x");
    json.set("paymasterVerificationGasLimit", NullNode.getInstance());
    json.put("paymasterPostOpGasLimit", "0x0");
    json.put("paymasterData", "0x");
    json.set("eip7702Auth", NullNode.getInstance());

    PackedUserOperation op = codec.parse(json, EntryPointVersion.V0_8);

    assertThat(op.factory()).isNull();
    assertThat(op.paymaster()).isNull();
    assertThat(op.initCode()).isEqualTo(Bytes.EMPTY);
    assertThat(op.paymasterAndData()).isEqualTo(Bytes.EMPTY);
    assertThat(op.eip7702Auth()).isNull();
  }

  @Test
  void shouldAcceptFactoryWithoutFactoryData() {
    ObjectNode json = fullOperation();
    json.remove("factoryData");

    PackedUserOperation op = codec.parse(json, EntryPointVersion.V0_7);

    assertThat(op.initCode()).isEqualTo(Bytes.fromHex(FACTORY.toLowerCase()));
  }

  @Test
  void shouldAcceptPaymasterWithoutPaymasterData() {
    ObjectNode json = fullOperation();
    json.remove("paymasterData");

    assertThat(codec.parse(json, EntryPointVersion.V0_7).paymasterData()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void shouldReadTheEip7702FactoryMarkerOnV08() {
    ObjectNode json = minimalOperation();
    json.put("factory", "0x7702");
    json.put("factoryData", "0x");
    json.set("eip7702Auth", viemAuthorization());

    PackedUserOperation op = codec.parse(json, EntryPointVersion.V0_8);

    assertThat(op.factory()).isEqualTo(Address.fromHex("0x7702000000000000000000000000000000000000"));
    assertThat(op.eip7702Auth().chainId()).isEqualTo(BigInteger.valueOf(31_337));
    assertThat(op.eip7702Auth().yParity()).isEqualTo(1);
    assertThat(op.eip7702Auth().r()).isEqualTo(new BigInteger("12".repeat(31), 16));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x0", "0x00", "0x1", "0x01"})
  void shouldAcceptYParityAsQuantityOrByte(String yParity) {
    ObjectNode auth = viemAuthorization();
    auth.put("yParity", yParity);
    ObjectNode json = minimalOperation();
    json.set("eip7702Auth", auth);

    assertThat(codec.parse(json, EntryPointVersion.V0_8).eip7702Auth().yParity())
        .isEqualTo(Integer.parseInt(yParity.substring(2), 16));
  }

  @Test
  void shouldLetEstimationOmitGasLimitsAndFees() {
    ObjectNode json = fullOperation();
    for (String field : new String[] {"callGasLimit", "verificationGasLimit", "preVerificationGas",
        "maxFeePerGas", "maxPriorityFeePerGas", "paymasterVerificationGasLimit",
        "paymasterPostOpGasLimit"}) {
      json.remove(field);
    }

    PackedUserOperation op = codec.parseForEstimation(json, EntryPointVersion.V0_7);

    assertThat(op.callGasLimit()).isZero();
    assertThat(op.verificationGasLimit()).isZero();
    assertThat(op.preVerificationGas()).isZero();
    assertThat(op.maxFeePerGas()).isZero();
    assertThat(op.paymasterVerificationGasLimit()).isZero();
    assertThat(op.paymaster()).isEqualTo(Address.fromHex(PAYMASTER));
  }

  @Test
  void shouldCheckPresentFieldsAsStrictlyForEstimation() {
    ObjectNode json = fullOperation();
    json.put("callGasLimit", "0x01");

    assertInvalid(() -> codec.parseForEstimation(json, EntryPointVersion.V0_7),
        "invalid userOp field 'callGasLimit': quantity has leading zeros");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldFormatWhatItParses(EntryPointVersion version) throws Exception {
    ObjectNode json = fullOperation();
    if (version == EntryPointVersion.V0_8) {
      ObjectNode auth = viemAuthorization();
      auth.put("yParity", "0x1");
      json.set("eip7702Auth", auth);
    }

    ObjectNode formatted = codec.format(codec.parse(json, version));

    assertThat(MAPPER.writeValueAsString(formatted)).isEqualTo(MAPPER.writeValueAsString(json));
  }

  @Test
  void shouldLeaveUnsetOptionalFieldsOutOfTheFormat() {
    ObjectNode formatted = codec.format(codec.parse(minimalOperation(), EntryPointVersion.V0_7));

    assertThat(formatted.has("factory")).isFalse();
    assertThat(formatted.has("paymaster")).isFalse();
    assertThat(formatted.has("paymasterData")).isFalse();
    assertThat(formatted.has("eip7702Auth")).isFalse();
  }

  @Test
  void shouldWriteChecksummedAddressesAndMinimalQuantities() {
    ObjectNode json = fullOperation();
    json.put("sender", SENDER.toLowerCase());
    json.put("callGasLimit", "0xABC");

    ObjectNode formatted = codec.format(codec.parse(json, EntryPointVersion.V0_7));

    assertThat(formatted.get("sender").textValue()).isEqualTo(SENDER);
    assertThat(formatted.get("callGasLimit").textValue()).isEqualTo("0xabc");
    assertThat(formatted.get("paymasterPostOpGasLimit").textValue()).isEqualTo("0x0");
  }

  @Test
  void shouldRefuseV06LayoutForPackedVersions() {
    assertThatThrownBy(() -> codec.parse(fullOperation(), EntryPointVersion.V0_6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ObjectNode v06Operation() {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    op.put("sender", SENDER);
    op.put("nonce", "0x2");
    op.put("initCode", FACTORY.toLowerCase() + "5fbfb9cf");
    op.put("callData", "0xb61d27f6");
    op.put("callGasLimit", UINT128_OVERFLOW);
    op.put("verificationGasLimit", "0x186a0");
    op.put("preVerificationGas", "0xc350");
    op.put("maxFeePerGas", "0x3b9aca00");
    op.put("maxPriorityFeePerGas", "0x1");
    op.put("paymasterAndData", "0x");
    op.put("signature", "0x" + "cd".repeat(30));
    return op;
  }

  @Test
  void shouldParseV06OperationWithUint256Gas() {
    UserOperation op = codec.parseV06(v06Operation());

    assertThat(op.sender()).isEqualTo(Address.fromHex(SENDER));
    assertThat(op.initCode().length()).isEqualTo(24);
    assertThat(op.callGasLimit().bitLength()).isEqualTo(129);
    assertThat(op.paymasterAndData()).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void shouldFormatWhatItParsesInV06Layout() throws Exception {
    ObjectNode json = v06Operation();

    assertThat(MAPPER.writeValueAsString(codec.format(codec.parseV06(json))))
        .isEqualTo(MAPPER.writeValueAsString(json));
  }

  static Stream<Arguments> invalidV06Fields() {
    return Stream.of(
        Arguments.of("callGasLimit", text(UINT256_OVERFLOW), "invalid userOp field 'callGasLimit': exceeds uint256"),
        Arguments.of("initCode", text("0x" + "00".repeat(71)), "invalid userOp field 'initCode': exceeds 70 bytes"),
        Arguments.of("paymasterAndData", text("0x" + "00".repeat(61)), "invalid userOp field 'paymasterAndData': exceeds 60 bytes"),
        Arguments.of("signature", null, "invalid userOp field 'signature': missing"),
        Arguments.of("factory", text(FACTORY), "invalid userOp field 'factory': not a field of a v0.6 UserOperation"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("invalidV06Fields")
  void shouldRefuseInvalidV06FieldNamingIt(String field, JsonNode value, String message) {
    ObjectNode op = v06Operation();
    if (value == null) {
      op.remove(field);
    } else {
      op.set(field, value);
    }

    assertInvalid(() -> codec.parseV06(op), message);
  }

  private static TextNode text(String value) {
    return TextNode.valueOf(value);
  }

  private static void assertInvalid(Runnable parse, String message) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(RpcException.class, e -> {
          assertThat(e.error()).isEqualTo(RpcError.INVALID_PARAMS);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }
}
