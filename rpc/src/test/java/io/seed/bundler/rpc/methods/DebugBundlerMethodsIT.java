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
import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.gas.PreVerificationGasConfig;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes32;
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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code debug_bundler} methods as the spec tests drive them, through the JSON-RPC processor
 * over the real validation pipeline, mempool, bundle builder and look-up, on anvil with EntryPoints
 * v0.7 and v0.8.
 */
class DebugBundlerMethodsIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SIGNER_ACCOUNT = 6;

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
  void stop() throws InterruptedException {
    builder.stop();
    pool.close();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldHoldOperationsInManualModeUntilSendBundleNowMinesThem(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.newAccountDeposit();
    builder.start();

    JsonNode modeSet = call("debug_bundler_setBundlingMode", "manual").get("result");
    String hash = call("eth_sendUserOperation", json.format(op), entryPoint(ops)).get("result").textValue();
    JsonNode pending = call("debug_bundler_dumpMempool", entryPoint(ops)).get("result");
    String transactionHash = call("debug_bundler_sendBundleNow").get("result").textValue();

    assertThat(modeSet.textValue()).isEqualTo("ok");
    assertThat(pending).containsExactly(json.format(op));
    Optional<TransactionReceipt> mined =
        ANVIL.eth().getTransactionReceipt(Bytes32.fromHex(transactionHash)).join();
    assertThat(mined).hasValueSatisfying(receipt -> assertThat(receipt.status()).isTrue());
    JsonNode receipt = call("eth_getUserOperationReceipt", hash).get("result");
    assertThat(receipt.get("success").booleanValue()).isTrue();
    assertThat(receipt.get("receipt").get("transactionHash").textValue()).isEqualTo(transactionHash);
    assertThat(call("debug_bundler_dumpMempool", entryPoint(ops)).get("result")).isEmpty();
  }

  @Test
  void shouldDumpOnlyTheOperationsOfTheEntryPointAsked() throws IOException {
    SimpleAccountOperations v07 = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    SimpleAccountOperations v08 = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_8);
    PackedUserOperation first = v07.newAccountDeposit();
    PackedUserOperation second = v08.newAccountDeposit();
    PackedUserOperation third = v07.newAccountDeposit();
    call("eth_sendUserOperation", json.format(first), entryPoint(v07));
    call("eth_sendUserOperation", json.format(second), entryPoint(v08));
    call("eth_sendUserOperation", json.format(third), entryPoint(v07));

    JsonNode dumped = call("debug_bundler_dumpMempool", entryPoint(v07)).get("result");

    assertThat(dumped).containsExactly(json.format(first), json.format(third));
  }

  @Test
  void shouldEmptyThePoolOnClearMempoolSoThatNothingIsBundled() throws IOException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    call("eth_sendUserOperation", json.format(ops.newAccountDeposit()), entryPoint(ops));

    JsonNode cleared = call("debug_bundler_clearMempool").get("result");
    JsonNode sent = call("debug_bundler_sendBundleNow").get("result");

    assertThat(cleared.textValue()).isEqualTo("ok");
    assertThat(call("debug_bundler_dumpMempool", entryPoint(ops)).get("result")).isEmpty();
    assertThat(pool.size()).isZero();
    assertThat(sent.textValue()).isEqualTo("ok");
  }

  @Test
  void shouldBundleByItselfOnceSwitchedBackToAuto() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_8);
    builder.start();
    call("debug_bundler_setBundlingMode", "manual");
    String hash =
        call("eth_sendUserOperation", json.format(ops.newAccountDeposit()), entryPoint(ops))
            .get("result").textValue();

    JsonNode switched = call("debug_bundler_setBundlingMode", "auto").get("result");
    JsonNode receipt = awaitReceipt(hash);

    assertThat(switched.textValue()).isEqualTo("ok");
    assertThat(builder.mode()).isEqualTo(BundlingMode.AUTO);
    assertThat(receipt.get("success").booleanValue()).isTrue();
    assertThat(pool.size()).isZero();
  }

  private JsonNode awaitReceipt(String hash) throws IOException, InterruptedException {
    for (int poll = 0; poll < 300; poll++) {
      JsonNode receipt = call("eth_getUserOperationReceipt", hash).get("result");
      if (!receipt.isNull()) {
        return receipt;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the builder never bundled " + hash);
  }

  private JsonNode call(String method, Object... params) throws IOException {
    ObjectNode request =
        MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    ArrayNode array = request.putArray("params");
    for (Object param : params) {
      array.add(MAPPER.valueToTree(param));
    }
    return MAPPER.readTree(processor.process(MAPPER.writeValueAsBytes(request)).orElseThrow());
  }

  private static String entryPoint(SimpleAccountOperations ops) {
    return HexJson.address(ops.entryPoint().address());
  }

  private JsonRpcProcessor processor() {
    UserOperationLookup lookup =
        new UserOperationLookup(ANVIL.eth(), entryPoints.all(), index, 1_000);
    return new JsonRpcProcessor(
        JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH, RpcNamespace.DEBUG_BUNDLER))
            .group(RpcNamespace.ETH, List.of(
                new EthSendUserOperation(entryPoints, json, pipeline, pool),
                new EthGetUserOperationReceipt(lookup)))
            .group(RpcNamespace.DEBUG_BUNDLER, List.of(
                new DebugBundlerClearMempool(pool),
                new DebugBundlerDumpMempool(entryPoints, pool, json),
                new DebugBundlerSetBundlingMode(builder),
                new DebugBundlerSendBundleNow(builder)))
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

  /** Starts in auto mode, as {@code bundler run} does, so that manual mode is the method's doing. */
  private BundleBuilder builder() {
    TransactionSigner signer =
        TransactionSigner.fromPrivateKey(
            AnvilAccounts.privateKey(SIGNER_ACCOUNT).toHex(), ANVIL.chainId());
    BuilderConfig defaults = BuilderConfig.defaults(signer.address());
    BuilderConfig auto =
        new BuilderConfig(
            signer.address(), defaults.maxBundleGas(), defaults.maxBundleOperations(),
            defaults.bundleGasOverhead(), Duration.ofMillis(50), defaults.priorityFeePerGas(),
            false, defaults.replacementBlocks(), defaults.feeBumpPercent(),
            defaults.expiryMarginSeconds(), Duration.ofSeconds(60), BundlingMode.AUTO);
    return new BundleBuilder(
        ANVIL.eth(), signer, entryPoints.all(), pool,
        entry -> pipeline.validate(entry.operation(), entry.entryPoint()),
        new InclusionRecorder(entryPoints.all(), pool, index), auto, Clock.systemUTC());
  }
}
