package io.seed.bundler.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.UserOperationLookup;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.gas.GasEstimator;
import io.seed.bundler.core.gas.GasEstimatorConfig;
import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.gas.PreVerificationGasConfig;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.Precheck;
import io.seed.bundler.core.validation.PrecheckConfig;
import io.seed.bundler.core.validation.ValidationConfig;
import io.seed.bundler.core.validation.ValidationPipeline;
import io.seed.bundler.mempool.Mempool;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.StakedEntities;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import io.seed.bundler.rpc.wire.HexJson;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.ECKeyPair;

/**
 * The UserOperation methods through the JSON-RPC processor, over the real validation pipeline,
 * gas estimator, mempool, bundle builder and look-up, on anvil with EntryPoints v0.7 and v0.8.
 */
class UserOperationMethodsIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SIGNER_ACCOUNT = 8;
  private static final List<String> GAS_FIELDS =
      List.of("callGasLimit", "verificationGasLimit", "preVerificationGas",
          "paymasterVerificationGasLimit", "paymasterPostOpGasLimit");

  private final UserOperationJson json = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);
  private final SupportedEntryPoints entryPoints =
      new SupportedEntryPoints(List.of(
          ANVIL.entryPoint(EntryPointVersion.V0_7), ANVIL.entryPoint(EntryPointVersion.V0_8)));
  private final Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), StakedEntities.NONE);
  private final InMemoryIncludedOperations index = new InMemoryIncludedOperations(1_000);
  private final ValidationPipeline pipeline = pipeline();
  private final BundleBuilder builder = builder();
  private final JsonRpcProcessor processor = processor();

  @AfterEach
  void closePool() {
    pool.close();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldEstimateAnOperationWithoutGasFieldsSoThatItIsAccepted(EntryPointVersion version)
      throws IOException {
    Deposit deposit = Deposit.of(version);
    ObjectNode draft = json.format(deposit.op());
    draft.remove(GAS_FIELDS);

    JsonNode estimate =
        call("eth_estimateUserOperationGas", draft, entryPoint(deposit.ops())).get("result");
    PackedUserOperation estimated =
        deposit.ops().sign(
            deposit.op().withGas(
                quantity(estimate, "preVerificationGas"), quantity(estimate, "verificationGasLimit"),
                quantity(estimate, "callGasLimit"), BigInteger.ZERO, BigInteger.ZERO),
            deposit.account().owner());
    JsonNode sent = call("eth_sendUserOperation", json.format(estimated), entryPoint(deposit.ops()));

    assertThat(quantity(estimate, "verificationGasLimit")).isPositive();
    assertThat(quantity(estimate, "callGasLimit")).isPositive();
    assertThat(quantity(estimate, "preVerificationGas")).isPositive();
    assertThat(estimate.get("paymasterVerificationGasLimit").textValue()).isEqualTo("0x0");
    assertThat(estimate.get("paymasterPostOpGasLimit").textValue()).isEqualTo("0x0");
    assertThat(sent.get("result").textValue()).isEqualTo(deposit.ops().hash(estimated).toHex());
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldSendAnOperationAndFindItPending(EntryPointVersion version) throws IOException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.operation(ops.newAccount(), 0, Bytes.EMPTY);
    String hash = ops.hash(op).toHex();

    JsonNode sent = call("eth_sendUserOperation", json.format(op), entryPoint(ops));
    JsonNode found = call("eth_getUserOperationByHash", hash).get("result");
    JsonNode receipt = call("eth_getUserOperationReceipt", hash);

    assertThat(sent.get("result").textValue()).isEqualTo(hash);
    assertThat(found.get("userOperation")).isEqualTo(json.format(op));
    assertThat(found.get("entryPoint").textValue()).isEqualTo(entryPoint(ops));
    assertThat(found.get("blockNumber").isNull()).isTrue();
    assertThat(found.get("transactionHash").isNull()).isTrue();
    assertThat(receipt.get("result").isNull()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldServeTheReceiptAndInclusionOnceBundled(EntryPointVersion version) throws Exception {
    Deposit deposit = Deposit.of(version);
    SimpleAccountOperations ops = deposit.ops();
    PackedUserOperation op = deposit.op();
    String hash = call("eth_sendUserOperation", json.format(op), entryPoint(ops)).get("result").textValue();

    builder.sendBundleNow();
    JsonNode receipt = call("eth_getUserOperationReceipt", hash).get("result");
    JsonNode found = call("eth_getUserOperationByHash", hash).get("result");

    assertThat(receipt.get("userOpHash").textValue()).isEqualTo(hash);
    assertThat(receipt.get("entryPoint").textValue()).isEqualTo(entryPoint(ops));
    assertThat(receipt.get("sender").textValue()).isEqualTo(HexJson.address(op.sender()));
    assertThat(receipt.get("nonce").textValue()).isEqualTo("0x0");
    assertThat(receipt.get("paymaster").textValue()).isEqualTo("0x0000000000000000000000000000000000000000");
    assertThat(receipt.get("success").booleanValue()).isTrue();
    assertThat(receipt.get("reason").textValue()).isEqualTo("0x");
    assertThat(quantity(receipt, "actualGasCost")).isPositive();
    assertThat(quantity(receipt, "actualGasUsed")).isPositive();
    assertThat(receipt.get("logs")).isNotEmpty();
    assertThat(receipt.get("receipt").get("status").textValue()).isEqualTo("0x1");
    assertThat(found.get("userOperation")).isEqualTo(json.format(op));
    assertThat(found.get("transactionHash")).isEqualTo(receipt.get("receipt").get("transactionHash"));
    assertThat(found.get("blockHash")).isEqualTo(receipt.get("receipt").get("blockHash"));
    assertThat(quantity(found, "blockNumber")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldAnswerASignatureByAnotherKeyWithInvalidSignature(EntryPointVersion version)
      throws IOException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op =
        ops.sign(ops.operation(ops.newAccount(), 0, Bytes.EMPTY), ECKeyPair.create(BigInteger.TEN));

    JsonNode error = call("eth_sendUserOperation", json.format(op), entryPoint(ops)).get("error");

    assertThat(error.get("code").intValue()).isEqualTo(-32507);
    assertThat(pool.size()).isZero();
  }

  @Test
  void shouldHonourTheStateOverrideOfAnEstimation() throws IOException {
    PackedUserOperation op = freshV07Operation();
    ObjectNode emptySender = MAPPER.createObjectNode();
    emptySender.putObject(op.sender().toHex()).put("balance", "0x0");

    assertError(call("eth_estimateUserOperationGas", json.format(op), v07(), emptySender),
        -32500, "AA21");
  }

  @Test
  void shouldNameAMalformedStateOverride() throws IOException {
    PackedUserOperation op = freshV07Operation();

    assertError(call("eth_estimateUserOperationGas", json.format(op), v07(), "0x1"),
        -32602, "invalid parameter 'stateOverride': ");
  }

  @Test
  void shouldRefuseAnUnsupportedEntryPoint() throws IOException {
    String v06 = "0x5FF137D4b0FDCD49DcA30c7CF57E578a026d2789";
    PackedUserOperation op = freshV07Operation();

    assertError(call("eth_sendUserOperation", json.format(op), v06),
        -32602, "unsupported EntryPoint " + v06);
  }

  @Test
  void shouldAnswerNullForAnUnknownHash() throws IOException {
    String unknown = "0x" + "ab".repeat(32);

    assertThat(call("eth_getUserOperationByHash", unknown).get("result").isNull()).isTrue();
    assertThat(call("eth_getUserOperationReceipt", unknown).get("result").isNull()).isTrue();
  }

  private JsonNode call(String method, Object... params) throws IOException {
    ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object param : params) {
      array.add(MAPPER.valueToTree(param));
    }
    return MAPPER.readTree(processor.process(MAPPER.writeValueAsBytes(request)).orElseThrow());
  }

  /** The signed first operation of a new v0.7 account, deploying it. */
  private static PackedUserOperation freshV07Operation() {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    return ops.operation(ops.newAccount(), 0, Bytes.EMPTY);
  }

  private static String v07() {
    return HexJson.address(ANVIL.entryPoint(EntryPointVersion.V0_7).address());
  }

  private static void assertError(JsonNode response, int code, String messageStart) {
    assertThat(response.get("error").get("code").intValue()).isEqualTo(code);
    assertThat(response.get("error").get("message").textValue()).contains(messageStart);
  }

  private static String entryPoint(SimpleAccountOperations ops) {
    return HexJson.address(ops.entryPoint().address());
  }

  private static BigInteger quantity(JsonNode json, String field) {
    return new BigInteger(json.get(field).textValue().substring(2), 16);
  }

  /** A new funded account and its first operation, which deploys it and deposits 1 wei. */
  private record Deposit(
      SimpleAccountOperations ops, SimpleAccountOperations.Account account, PackedUserOperation op) {
    static Deposit of(EntryPointVersion version) {
      SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
      SimpleAccountOperations.Account account = ops.newAccount();
      return new Deposit(ops, account, ops.operation(account, 0, ops.depositCall(account)));
    }
  }

  private JsonRpcProcessor processor() {
    UserOperationLookup lookup = new UserOperationLookup(ANVIL.eth(), entryPoints.all(), index, 1_000);
    GasEstimator estimator =
        new GasEstimator(
            ANVIL.eth(), new EntryPointSimulationsCode(ANVIL.client()),
            new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET),
            new UserOperationHasher(), ANVIL.chainId(), GasEstimatorConfig.DEFAULTS);
    return new JsonRpcProcessor(
        JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH))
            .group(RpcNamespace.ETH, List.of(
                new EthSendUserOperation(entryPoints, json, pipeline, pool),
                new EthEstimateUserOperationGas(entryPoints, json, estimator),
                new EthGetUserOperationByHash(pool, lookup, json),
                new EthGetUserOperationReceipt(lookup)))
            .build(),
        10);
  }

  private static ValidationPipeline pipeline() {
    return new ValidationPipeline(
        ANVIL.eth(), new EntryPointSimulationsCode(ANVIL.client()),
        new Precheck(PrecheckConfig.DEFAULTS,
            new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET)),
        new UserOperationHasher(), ANVIL.chainId(), ValidationConfig.DEFAULTS, Clock.systemUTC());
  }

  private BundleBuilder builder() {
    TransactionSigner signer =
        TransactionSigner.fromPrivateKey(AnvilAccounts.privateKey(SIGNER_ACCOUNT).toHex(), ANVIL.chainId());
    BuilderConfig defaults = BuilderConfig.defaults(signer.address());
    BuilderConfig manual =
        new BuilderConfig(
            signer.address(), defaults.maxBundleGas(), defaults.maxBundleOperations(),
            defaults.bundleGasOverhead(), defaults.pollInterval(), defaults.priorityFeePerGas(),
            false, defaults.replacementBlocks(), defaults.feeBumpPercent(),
            defaults.expiryMarginSeconds(), Duration.ofSeconds(60), BundlingMode.MANUAL);
    return new BundleBuilder(
        ANVIL.eth(), signer, entryPoints.all(), pool,
        entry -> pipeline.validate(entry.operation(), entry.entryPoint()),
        new InclusionRecorder(entryPoints.all(), pool, index), manual, Clock.systemUTC());
  }
}
