package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.sessionkey.kernel.KernelChain;
import io.seed.bundler.core.sessionkey.kernel.TokenTransferSession;
import io.seed.bundler.core.sessionkey.permission.CallData;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * Session-key pre-validation end to end: a whole {@link BundlerNode} over HTTP on anvil with
 * Kernel v3.1 and our ZeroDev-compatible policies at the SDK's addresses, a Kernel account whose
 * session key may only {@code transfer} one token to anyone up to a limit within a time window.
 * The enable-mode operation and in-scope operations are accepted and mined; out-of-scope, wrongly
 * signed and expired ones (a permission whose window has closed) are refused with the codes of
 * ERC-7769 and a message naming the rule, without a single request to the Ethereum node. The chain watcher and the builder poll once an
 * hour and the builder is in manual mode, so nothing else uses the node while a refused operation
 * is sent; that the counter does move for an accepted operation shows it counts.
 */
class SessionKeyPrevalidationIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NODE_REQUESTS =
      Pattern.compile("^bundler_node_requests_total (\\d+)$", Pattern.MULTILINE);
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000_000);
  private static final Address TOKEN = Address.fromHex("0x7e57000000000000000000000000000000000001");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a001");
  private static final Bytes PERMISSION_ID = Bytes.fromHex("0x5e55a001");
  private static final Bytes EXPIRED_PERMISSION_ID = Bytes.fromHex("0x5e55a002");
  private static final ECKeyPair OWNER = ECKeyPair.create(BigInteger.valueOf(0x0e1));
  private static final ECKeyPair SESSION = ECKeyPair.create(BigInteger.valueOf(0x5e55));
  private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(0xbad));
  private static final long VALID_SECONDS = 86_400;

  @TempDir Path dataDirectory;

  private final HttpClient http = HttpClient.newHttpClient();
  private final UserOperationJson wire = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);

  @Test
  void shouldMineInScopeOperationsAndRefuseTheRestWithoutAskingTheNode() throws Exception {
    EntryPoint entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    KernelChain chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    TokenTransferSession session = TokenTransferSession.create(
        chain, entryPoint, ANVIL.chainId(), TOKEN, OWNER, SESSION, LIMIT);
    long now = ANVIL.eth().latestBlock().join().timestamp();

    try (BundlerNode node = BundlerNode.start(config(entryPoint), Clock.systemUTC())) {
      URI rpc = URI.create("http://127.0.0.1:" + node.address().getPort());

      assertMined(rpc, send(rpc,
          session.enable(PERMISSION_ID, now - 3_600, now + VALID_SECONDS, RECIPIENT), entryPoint));

      for (int sequence = 0; sequence < 2; sequence++) {
        long before = nodeRequests(rpc);
        JsonNode accepted = send(rpc,
            session.signed(PERMISSION_ID, sequence, session.transfer(RECIPIENT, LIMIT)), entryPoint);
        assertThat(nodeRequests(rpc)).as("an accepted operation is simulated").isGreaterThan(before);
        assertMined(rpc, accepted);
      }
      assertThat(session.balanceOf(RECIPIENT))
          .isEqualTo(LIMIT.multiply(BigInteger.TWO).add(BigInteger.TEN));

      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          session.signed(PERMISSION_ID, 2, session.transfer(RECIPIENT, LIMIT.add(BigInteger.ONE))),
          -32500, "session key: call 0 to " + TOKEN + " selector 0xa9059cbb");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          session.signed(PERMISSION_ID, 2, session.tokenCall(CallData.call(
              TokenTransferSession.APPROVE, CallData.word(RECIPIENT), BigInteger.ONE))),
          -32500, "selector 0x095ea7b3: not permitted by the call policy");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          session.signed(PERMISSION_ID, 2, session.transfer(RECIPIENT, BigInteger.ONE), STRANGER),
          -32507, "session key: signature does not match the grant");
      assertRefusedWithoutNodeRequest(rpc, entryPoint,
          session.enable(EXPIRED_PERMISSION_ID, now - 7_200, now - 3_600, RECIPIENT),
          -32503, "session key: valid until " + (now - 3_600));
    }
  }

  private void assertRefusedWithoutNodeRequest(URI rpc, EntryPoint entryPoint,
      PackedUserOperation op, int code, String message) throws Exception {
    long before = nodeRequests(rpc);
    JsonNode response = send(rpc, op, entryPoint);
    long after = nodeRequests(rpc);
    assertThat(response.path("error").path("code").asInt()).as("%s", response).isEqualTo(code);
    assertThat(response.path("error").path("message").asText()).contains(message);
    assertThat(after - before).as("node requests while refusing %s", response).isZero();
  }

  private void assertMined(URI rpc, JsonNode sent) throws Exception {
    assertThat(sent.has("result")).as("%s", sent).isTrue();
    JsonNode bundle = call(rpc, "debug_bundler_sendBundleNow");
    assertThat(bundle.has("result")).as("%s", bundle).isTrue();
    JsonNode receipt = call(rpc, "eth_getUserOperationReceipt", sent.get("result").asText());
    assertThat(receipt.path("result").path("success").asBoolean()).as("%s", receipt).isTrue();
  }

  private JsonNode send(URI rpc, PackedUserOperation op, EntryPoint entryPoint) throws Exception {
    return call(rpc, "eth_sendUserOperation", wire.format(op), entryPoint.address().toString());
  }

  private JsonNode call(URI rpc, String method, Object... params) throws Exception {
    ObjectNode request = JSON.createObjectNode()
        .put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", JSON.valueToTree(params));
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(rpc)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private long nodeRequests(URI rpc) throws IOException, InterruptedException {
    String metrics = http.send(HttpRequest.newBuilder(rpc.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher matcher = NODE_REQUESTS.matcher(metrics);
    assertThat(matcher.find()).as(metrics).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private BundlerNodeConfig config(EntryPoint entryPoint) {
    return new BundlerNodeConfig(
        ANVIL.chain().url(), List.of(entryPoint), AnvilAccounts.privateKey(8).toHex(),
        JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0), dataDirectory,
        SyncMode.DURABLE, MempoolConfig.defaults(), ReputationConfig.defaults(),
        BundlingMode.MANUAL, BigInteger.valueOf(1_000_000_000L), Duration.ofHours(1), true, false);
  }
}
