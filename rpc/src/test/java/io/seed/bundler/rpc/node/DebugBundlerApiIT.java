package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import io.seed.bundler.rpc.wire.HexJson;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * The {@code debug_bundler} methods of a whole {@link BundlerNode} on anvil, over HTTP, driven as
 * the spec tests drive them: manual mode, send, dump, {@code sendBundleNow}, receipt. The node
 * starts in auto mode, as {@code bundler run} does, so manual mode is the method's doing.
 */
class DebugBundlerApiIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SIGNER_ACCOUNT = 7;
  private static final int STAKER_ACCOUNT = 2;
  private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);
  private static final List<String> DEBUG_METHODS =
      List.of(
          "debug_bundler_clearState", "debug_bundler_clearMempool", "debug_bundler_dumpMempool",
          "debug_bundler_setBundlingMode", "debug_bundler_sendBundleNow",
          "debug_bundler_setReputation", "debug_bundler_dumpReputation",
          "debug_bundler_clearReputation", "debug_bundler_getStakeStatus");

  private final HttpClient http = HttpClient.newHttpClient();
  private final UserOperationJson json = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);

  @TempDir Path dataDirectory;

  @AfterEach
  void closeClient() {
    http.close();
  }

  @Test
  void shouldAnswerMethodNotFoundForEveryDebugMethodWhenTheSwitchIsOff() throws Exception {
    try (BundlerNode node = start(false)) {
      for (String method : DEBUG_METHODS) {
        JsonNode error = call(node, method).get("error");

        assertThat(error.get("code").intValue()).as(method).isEqualTo(-32601);
      }
      assertThat(call(node, "eth_chainId").get("result").textValue())
          .isEqualTo(HexJson.quantity(ANVIL.chainId()));
    }
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldHoldOperationsInManualModeUntilSendBundleNowMinesThem(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.newAccountDeposit();
    try (BundlerNode node = start(true)) {
      JsonNode modeSet = call(node, "debug_bundler_setBundlingMode", "manual").get("result");
      String hash = send(node, ops, op);
      JsonNode pending = call(node, "debug_bundler_dumpMempool", entryPoint(ops)).get("result");
      String transactionHash = call(node, "debug_bundler_sendBundleNow").get("result").textValue();

      assertThat(modeSet.textValue()).isEqualTo("ok");
      assertThat(pending).containsExactly(json.format(op));
      Optional<TransactionReceipt> mined =
          ANVIL.eth().getTransactionReceipt(Bytes32.fromHex(transactionHash)).join();
      assertThat(mined).hasValueSatisfying(receipt -> assertThat(receipt.status()).isTrue());
      JsonNode receipt = call(node, "eth_getUserOperationReceipt", hash).get("result");
      assertThat(receipt.get("success").booleanValue()).isTrue();
      assertThat(receipt.get("receipt").get("transactionHash").textValue())
          .isEqualTo(transactionHash);
      assertThat(call(node, "debug_bundler_dumpMempool", entryPoint(ops)).get("result")).isEmpty();
      assertThat(call(node, "debug_bundler_dumpReputation", entryPoint(ops)).get("result"))
          .containsExactly(reputation(op.factory().toHex(), "0x1", "0x1", "0x0"));
    }
  }

  @Test
  void shouldForgetPendingOperationsAndReputationOnClearState() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    PackedUserOperation op = ops.newAccountDeposit();
    try (BundlerNode node = start(true)) {
      call(node, "debug_bundler_setBundlingMode", "manual");
      send(node, ops, op);
      JsonNode counted = call(node, "debug_bundler_dumpReputation", entryPoint(ops)).get("result");

      JsonNode cleared = call(node, "debug_bundler_clearState").get("result");

      assertThat(counted).containsExactly(reputation(op.factory().toHex(), "0x1", "0x0", "0x0"));
      assertThat(cleared.textValue()).isEqualTo("ok");
      assertThat(call(node, "debug_bundler_dumpMempool", entryPoint(ops)).get("result")).isEmpty();
      assertThat(call(node, "debug_bundler_dumpReputation", entryPoint(ops)).get("result"))
          .isEmpty();
      assertThat(call(node, "debug_bundler_sendBundleNow").get("result").textValue())
          .isEqualTo("ok");
    }
  }

  @Test
  void shouldSetDumpAndClearReputationWithTheStatusItsCountsGive() throws Exception {
    String entryPoint = HexJson.address(ANVIL.entryPoint(EntryPointVersion.V0_8).address());
    String banned = HexJson.address(AnvilAccounts.address(3));
    String throttled = HexJson.address(AnvilAccounts.address(4));
    try (BundlerNode node = start(true)) {
      JsonNode set =
          call(node, "debug_bundler_setReputation",
              List.of(
                  Map.of("address", banned, "opsSeen", "0x3e8", "opsIncluded", "0x0"),
                  Map.of("address", throttled, "opsSeen", 200, "opsIncluded", 0)),
              entryPoint).get("result");
      JsonNode dumped = call(node, "debug_bundler_dumpReputation", entryPoint).get("result");
      JsonNode cleared = call(node, "debug_bundler_clearReputation").get("result");

      assertThat(set.textValue()).isEqualTo("ok");
      assertThat(dumped).containsExactlyInAnyOrder(
          reputation(banned, "0x3e8", "0x0", "0x2"), reputation(throttled, "0xc8", "0x0", "0x1"));
      assertThat(cleared.textValue()).isEqualTo("ok");
      assertThat(call(node, "debug_bundler_dumpReputation", entryPoint).get("result")).isEmpty();
    }
  }

  @Test
  void shouldReportTheStakeAnEntityHoldsInTheEntryPoint() throws Exception {
    EntryPoint entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    String staker = HexJson.address(AnvilAccounts.address(STAKER_ACCOUNT));
    String unstaked = HexJson.address(AnvilAccounts.address(STAKER_ACCOUNT + 1));
    addStake(entryPoint, AnvilAccounts.address(STAKER_ACCOUNT), ONE_ETHER, 2);
    try (BundlerNode node = start(true)) {
      JsonNode staked =
          call(node, "debug_bundler_getStakeStatus", staker, HexJson.address(entryPoint.address()))
              .get("result");
      JsonNode none =
          call(node, "debug_bundler_getStakeStatus", unstaked,
              HexJson.address(entryPoint.address())).get("result");

      assertThat(staked).isEqualTo(stakeStatus(staker, "1000000000000000000", "2", true));
      assertThat(none).isEqualTo(stakeStatus(unstaked, "0", "0", false));
    }
  }

  @Test
  void shouldDumpOnlyTheOperationsOfTheEntryPointAsked() throws Exception {
    SimpleAccountOperations v07 = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    SimpleAccountOperations v08 = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_8);
    PackedUserOperation first = v07.newAccountDeposit();
    PackedUserOperation second = v08.newAccountDeposit();
    PackedUserOperation third = v07.newAccountDeposit();
    try (BundlerNode node = start(true)) {
      call(node, "debug_bundler_setBundlingMode", "manual");
      send(node, v07, first);
      send(node, v08, second);
      send(node, v07, third);

      JsonNode dumped = call(node, "debug_bundler_dumpMempool", entryPoint(v07)).get("result");

      assertThat(dumped).containsExactly(json.format(first), json.format(third));
    }
  }

  @Test
  void shouldEmptyThePoolOnClearMempoolSoThatNothingIsBundled() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    try (BundlerNode node = start(true)) {
      call(node, "debug_bundler_setBundlingMode", "manual");
      send(node, ops, ops.newAccountDeposit());

      JsonNode cleared = call(node, "debug_bundler_clearMempool").get("result");
      JsonNode bundled = call(node, "debug_bundler_sendBundleNow").get("result");

      assertThat(cleared.textValue()).isEqualTo("ok");
      assertThat(call(node, "debug_bundler_dumpMempool", entryPoint(ops)).get("result")).isEmpty();
      assertThat(bundled.textValue()).isEqualTo("ok");
    }
  }

  @Test
  void shouldBundleByItselfOnceSwitchedBackToAuto() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_8);
    try (BundlerNode node = start(true)) {
      call(node, "debug_bundler_setBundlingMode", "manual");
      String hash = send(node, ops, ops.newAccountDeposit());

      JsonNode switched = call(node, "debug_bundler_setBundlingMode", "auto").get("result");
      JsonNode receipt = awaitReceipt(node, hash);

      assertThat(switched.textValue()).isEqualTo("ok");
      assertThat(receipt.get("success").booleanValue()).isTrue();
      // The receipt can be found through the chain's logs a moment before the pool drops the op.
      assertThat(awaitEmptyMempool(node, entryPoint(ops))).isEmpty();
    }
  }

  private BundlerNode start(boolean debugApi) throws Exception {
    List<EntryPoint> entryPoints =
        List.of(ANVIL.entryPoint(EntryPointVersion.V0_7), ANVIL.entryPoint(EntryPointVersion.V0_8));
    return BundlerNode.start(
        new BundlerNodeConfig(
            ANVIL.chain().url(), entryPoints, AnvilAccounts.privateKey(SIGNER_ACCOUNT).toHex(),
            JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0), dataDirectory,
            SyncMode.DURABLE, MempoolConfig.defaults(),
            ReputationConfig.defaults().withStakeRequirement(ONE_ETHER, 2), BundlingMode.AUTO,
            BigInteger.valueOf(1_000_000_000L), Duration.ofMillis(100), debugApi, false),
        Clock.systemUTC());
  }

  /** Stakes from an anvil account, as the spec tests stake their paymasters. */
  private static void addStake(
      EntryPoint entryPoint, Address from, BigInteger wei, long unstakeDelaySeconds) {
    String data =
        FunctionEncoder.encode(
            new Function("addStake", List.of(new Uint32(unstakeDelaySeconds)), List.of()));
    ObjectNode transaction =
        MAPPER.createObjectNode()
            .put("from", from.toHex())
            .put("to", entryPoint.address().toHex())
            .put("value", HexJson.quantity(wei))
            .put("data", data);
    Bytes32 hash =
        Bytes32.fromHex(ANVIL.client().request("eth_sendTransaction", transaction).join().asText());
    assertThat(ANVIL.eth().getTransactionReceipt(hash).join())
        .hasValueSatisfying(receipt -> assertThat(receipt.status()).isTrue());
  }

  private static JsonNode reputation(
      String address, String opsSeen, String opsIncluded, String status) {
    return MAPPER.createObjectNode()
        .put("address", HexJson.address(Address.fromHex(address)))
        .put("opsSeen", opsSeen)
        .put("opsIncluded", opsIncluded)
        .put("status", status);
  }

  private static JsonNode stakeStatus(
      String address, String stake, String unstakeDelaySec, boolean staked) {
    ObjectNode status = MAPPER.createObjectNode();
    status.putObject("stakeInfo")
        .put("addr", address)
        .put("stake", stake)
        .put("unstakeDelaySec", unstakeDelaySec);
    return status.put("isStaked", staked);
  }

  private String send(BundlerNode node, SimpleAccountOperations ops, PackedUserOperation op)
      throws IOException, InterruptedException {
    JsonNode response = call(node, "eth_sendUserOperation", json.format(op), entryPoint(ops));
    assertThat(response.has("result")).as("eth_sendUserOperation: %s", response).isTrue();
    return response.get("result").textValue();
  }

  private JsonNode awaitReceipt(BundlerNode node, String hash)
      throws IOException, InterruptedException {
    for (int poll = 0; poll < 300; poll++) {
      JsonNode receipt = call(node, "eth_getUserOperationReceipt", hash).get("result");
      if (!receipt.isNull()) {
        return receipt;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the builder never bundled " + hash);
  }

  private JsonNode awaitEmptyMempool(BundlerNode node, String entryPoint)
      throws IOException, InterruptedException {
    JsonNode pending = call(node, "debug_bundler_dumpMempool", entryPoint).get("result");
    for (int poll = 0; poll < 200 && !pending.isEmpty(); poll++) {
      Thread.sleep(50);
      pending = call(node, "debug_bundler_dumpMempool", entryPoint).get("result");
    }
    return pending;
  }

  private JsonNode call(BundlerNode node, String method, Object... params)
      throws IOException, InterruptedException {
    ObjectNode request =
        MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", MAPPER.valueToTree(params));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + node.address().getPort() + "/rpc"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return MAPPER.readTree(response.body());
  }

  private static String entryPoint(SimpleAccountOperations ops) {
    return HexJson.address(ops.entryPoint().address());
  }
}
