package io.seed.bundler.rpc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.Eip7702Authorization;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperation;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ERC-7769 JSON of a UserOperation: parses it into the domain types and formats them back.
 *
 * <p>Parsing is strict: addresses are 20 bytes, quantities carry no leading zeros and fit their
 * Solidity width (uint128 for gas limits and fees, uint256 for nonce and preVerificationGas),
 * dynamic fields stay within {@link UserOperationJsonLimits}, unknown fields are refused, and a
 * companion field without its address ({@code factoryData} without {@code factory}, paymaster
 * fields without {@code paymaster}) is refused unless it is empty or zero. Absent, {@code null}
 * and, for {@code factory} and {@code paymaster}, {@code "0x"} all mean "not set", as SDKs send
 * them. For EntryPoint v0.8, {@code factory} may be the EIP-7702 marker {@code 0x7702}.
 */
public final class UserOperationJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Address EIP7702_FACTORY =
      Address.fromHex("0x7702000000000000000000000000000000000000");
  private static final Set<String> PACKED_FIELDS =
      Set.of(
          "sender", "nonce", "factory", "factoryData", "callData", "callGasLimit",
          "verificationGasLimit", "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas",
          "paymaster", "paymasterVerificationGasLimit", "paymasterPostOpGasLimit", "paymasterData",
          "signature");
  private static final Set<String> V08_FIELDS = union(PACKED_FIELDS, "eip7702Auth");
  private static final Set<String> V06_FIELDS =
      Set.of(
          "sender", "nonce", "initCode", "callData", "callGasLimit", "verificationGasLimit",
          "preVerificationGas", "maxFeePerGas", "maxPriorityFeePerGas", "paymasterAndData",
          "signature");
  private static final Set<String> AUTHORIZATION_FIELDS =
      Set.of("chainId", "address", "nonce", "yParity", "r", "s");

  private final UserOperationJsonLimits limits;

  /** A codec that enforces {@code limits} on incoming operations. */
  public UserOperationJson(UserOperationJsonLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Parses an operation sent for inclusion: every gas limit and fee is required.
   *
   * @param version v0.7 or v0.8; decides whether {@code eip7702Auth} is accepted
   * @throws RpcException {@code -32602} naming the first offending field
   */
  public PackedUserOperation parse(JsonNode json, EntryPointVersion version) {
    return parsePacked(json, version, false);
  }

  /**
   * Parses an operation sent for gas estimation: gas limits and fees may be absent, and count as
   * zero then; every field that is present is checked as strictly as in {@link #parse}.
   */
  public PackedUserOperation parseForEstimation(JsonNode json, EntryPointVersion version) {
    return parsePacked(json, version, true);
  }

  /** Parses an operation in the EntryPoint v0.6 layout; every numeric field is a uint256. */
  public UserOperation parseV06(JsonNode json) {
    OperationFields fields = open(json, V06_FIELDS, EntryPointVersion.V0_6);
    return new UserOperation(
        fields.address("sender"),
        fields.quantity("nonce", 256),
        fields.dataOrEmpty("initCode", Address.LENGTH + limits.maxFactoryDataBytes()),
        fields.data("callData", limits.maxCallDataBytes()),
        fields.quantity("callGasLimit", 256),
        fields.quantity("verificationGasLimit", 256),
        fields.quantity("preVerificationGas", 256),
        fields.quantity("maxFeePerGas", 256),
        fields.quantity("maxPriorityFeePerGas", 256),
        fields.dataOrEmpty("paymasterAndData", Address.LENGTH + limits.maxPaymasterDataBytes()),
        fields.data("signature", limits.maxSignatureBytes()));
  }

  /** The ERC-7769 JSON of a v0.7/v0.8 operation; fields that are not set are left out. */
  public ObjectNode format(PackedUserOperation op) {
    ObjectNode json = NODES.objectNode();
    json.put("sender", HexJson.address(op.sender()));
    json.put("nonce", HexJson.quantity(op.nonce()));
    if (op.factory() != null) {
      json.put("factory", HexJson.address(op.factory()));
      json.put("factoryData", HexJson.data(op.factoryData()));
    }
    json.put("callData", HexJson.data(op.callData()));
    json.put("callGasLimit", HexJson.quantity(op.callGasLimit()));
    json.put("verificationGasLimit", HexJson.quantity(op.verificationGasLimit()));
    json.put("preVerificationGas", HexJson.quantity(op.preVerificationGas()));
    json.put("maxFeePerGas", HexJson.quantity(op.maxFeePerGas()));
    json.put("maxPriorityFeePerGas", HexJson.quantity(op.maxPriorityFeePerGas()));
    if (op.paymaster() != null) {
      json.put("paymaster", HexJson.address(op.paymaster()));
      json.put(
          "paymasterVerificationGasLimit", HexJson.quantity(op.paymasterVerificationGasLimit()));
      json.put("paymasterPostOpGasLimit", HexJson.quantity(op.paymasterPostOpGasLimit()));
      json.put("paymasterData", HexJson.data(op.paymasterData()));
    }
    json.put("signature", HexJson.data(op.signature()));
    if (op.eip7702Auth() != null) {
      json.set("eip7702Auth", format(op.eip7702Auth()));
    }
    return json;
  }

  /** The JSON of a v0.6 operation. */
  public ObjectNode format(UserOperation op) {
    ObjectNode json = NODES.objectNode();
    json.put("sender", HexJson.address(op.sender()));
    json.put("nonce", HexJson.quantity(op.nonce()));
    json.put("initCode", HexJson.data(op.initCode()));
    json.put("callData", HexJson.data(op.callData()));
    json.put("callGasLimit", HexJson.quantity(op.callGasLimit()));
    json.put("verificationGasLimit", HexJson.quantity(op.verificationGasLimit()));
    json.put("preVerificationGas", HexJson.quantity(op.preVerificationGas()));
    json.put("maxFeePerGas", HexJson.quantity(op.maxFeePerGas()));
    json.put("maxPriorityFeePerGas", HexJson.quantity(op.maxPriorityFeePerGas()));
    json.put("paymasterAndData", HexJson.data(op.paymasterAndData()));
    json.put("signature", HexJson.data(op.signature()));
    return json;
  }

  private PackedUserOperation parsePacked(
      JsonNode json, EntryPointVersion version, boolean forEstimation) {
    if (!version.usesPackedUserOperation()) {
      throw new IllegalArgumentException(
          "EntryPoint " + version.label() + " takes the v0.6 layout");
    }
    OperationFields fields =
        open(json, version == EntryPointVersion.V0_8 ? V08_FIELDS : PACKED_FIELDS, version);
    Address sender = fields.address("sender");
    BigInteger nonce = fields.quantity("nonce", 256);
    Optional<Address> factory = factory(fields, version);
    Bytes factoryData = fields.dataOrEmpty("factoryData", limits.maxFactoryDataBytes());
    if (factory.isEmpty() && !factoryData.isEmpty()) {
      throw fields.invalid("factoryData", "set without 'factory'");
    }
    Bytes callData = fields.data("callData", limits.maxCallDataBytes());
    BigInteger callGasLimit = gas(fields, "callGasLimit", 128, forEstimation);
    BigInteger verificationGasLimit = gas(fields, "verificationGasLimit", 128, forEstimation);
    BigInteger preVerificationGas = gas(fields, "preVerificationGas", 256, forEstimation);
    BigInteger maxFeePerGas = gas(fields, "maxFeePerGas", 128, forEstimation);
    BigInteger maxPriorityFeePerGas = gas(fields, "maxPriorityFeePerGas", 128, forEstimation);
    Optional<Address> paymaster = fields.optionalAddress("paymaster");
    // Without a paymaster its limits are optional even for inclusion: they must then be zero.
    boolean paymasterGasOptional = forEstimation || paymaster.isEmpty();
    BigInteger paymasterVerificationGasLimit =
        gas(fields, "paymasterVerificationGasLimit", 128, paymasterGasOptional);
    BigInteger paymasterPostOpGasLimit =
        gas(fields, "paymasterPostOpGasLimit", 128, paymasterGasOptional);
    Bytes paymasterData = fields.dataOrEmpty("paymasterData", limits.maxPaymasterDataBytes());
    if (paymaster.isEmpty()) {
      requireUnsetWithoutPaymaster(fields, "paymasterVerificationGasLimit",
          paymasterVerificationGasLimit.signum() != 0);
      requireUnsetWithoutPaymaster(fields, "paymasterPostOpGasLimit",
          paymasterPostOpGasLimit.signum() != 0);
      requireUnsetWithoutPaymaster(fields, "paymasterData", !paymasterData.isEmpty());
    }
    Bytes signature = fields.data("signature", limits.maxSignatureBytes());
    Eip7702Authorization authorization =
        fields.value("eip7702Auth").map(node -> authorization(fields, node)).orElse(null);
    return new PackedUserOperation(
        sender, nonce, factory.orElse(null), factoryData, callData, callGasLimit,
        verificationGasLimit, preVerificationGas, maxFeePerGas, maxPriorityFeePerGas,
        paymaster.orElse(null), paymasterVerificationGasLimit, paymasterPostOpGasLimit,
        paymasterData, signature, authorization);
  }

  private static OperationFields open(JsonNode json, Set<String> known, EntryPointVersion version) {
    if (json == null || !json.isObject()) {
      throw RpcException.invalidParams("invalid userOp: must be an object");
    }
    return new OperationFields(json, known, "", "a v" + version.label() + " UserOperation");
  }

  private static Optional<Address> factory(OperationFields fields, EntryPointVersion version) {
    Optional<JsonNode> value = fields.value("factory");
    if (version == EntryPointVersion.V0_8
        && value.isPresent()
        && "0x7702".equalsIgnoreCase(value.get().textValue())) {
      return Optional.of(EIP7702_FACTORY);
    }
    return fields.optionalAddress("factory");
  }

  private static BigInteger gas(
      OperationFields fields, String name, int bits, boolean optional) {
    return optional ? fields.quantityOrZero(name, bits) : fields.quantity(name, bits);
  }

  private static void requireUnsetWithoutPaymaster(
      OperationFields fields, String name, boolean set) {
    if (set) {
      throw fields.invalid(name, "set without 'paymaster'");
    }
  }

  private static Eip7702Authorization authorization(OperationFields op, JsonNode json) {
    if (!json.isObject()) {
      throw op.invalid("eip7702Auth", "must be an object");
    }
    OperationFields fields =
        new OperationFields(
            json, AUTHORIZATION_FIELDS, "eip7702Auth.", "an EIP-7702 authorization");
    BigInteger chainId = fields.quantity("chainId", 256);
    Address address = fields.address("address");
    BigInteger nonce = fields.quantity("nonce", 64);
    BigInteger yParity = fields.paddedNumber("yParity", 8);
    if (yParity.compareTo(BigInteger.ONE) > 0) {
      throw fields.invalid("yParity", "must be 0 or 1");
    }
    BigInteger r = fields.paddedNumber("r", 256);
    BigInteger s = fields.paddedNumber("s", 256);
    return new Eip7702Authorization(chainId, address, nonce, yParity.intValue(), r, s);
  }

  private static ObjectNode format(Eip7702Authorization authorization) {
    ObjectNode json = NODES.objectNode();
    json.put("chainId", HexJson.quantity(authorization.chainId()));
    json.put("address", HexJson.address(authorization.address()));
    json.put("nonce", HexJson.quantity(authorization.nonce()));
    json.put("yParity", HexJson.quantity(authorization.yParity()));
    json.put("r", Bytes32.fromUint(authorization.r()).toHex());
    json.put("s", Bytes32.fromUint(authorization.s()).toHex());
    return json;
  }

  private static Set<String> union(Set<String> base, String extra) {
    return Stream.concat(base.stream(), Stream.of(extra)).collect(Collectors.toUnmodifiableSet());
  }
}
