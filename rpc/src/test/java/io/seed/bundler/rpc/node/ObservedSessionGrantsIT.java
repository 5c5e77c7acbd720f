package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.sessionkey.kernel.KernelAccountCalls;
import io.seed.bundler.core.sessionkey.kernel.KernelChain;
import io.seed.bundler.core.sessionkey.kernel.TokenTransferSession;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * A whole {@link BundlerNode} learns a session's grant from the chain: another bundler includes
 * the session's enable-mode operation, and once the node's chain watcher has seen that block its
 * out-of-scope operations are refused from the grant (the session-key message, not a simulation
 * failure); another bundler includes the owner's uninstall of the permission, and then even an
 * in-scope operation is refused as not enabled. Until the watcher has polled, an operation goes to
 * simulation, so each refusal is awaited.
 */
class ObservedSessionGrantsIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000);
  private static final Address TOKEN = Address.fromHex("0x7e57000000000000000000000000000000000021");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a021");
  private static final Bytes PERMISSION_ID = Bytes.fromHex("0x5e55b001");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private static EntryPoint entryPoint;
  private static KernelChain chain;
  private static TokenTransferSession session;
  private static long now;

  private final HttpClient http = HttpClient.newHttpClient();
  private final UserOperationJson wire = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);

  @BeforeAll
  static void createSession() {
    entryPoint = ANVIL.entryPoint(EntryPointVersion.V0_7);
    chain = KernelChain.deploy(AnvilFixture.e2eDir(), ANVIL.client(), entryPoint);
    ECKeyPair owner = ECKeyPair.create(BigInteger.valueOf(0x0e3));
    ECKeyPair sessionKey = ECKeyPair.create(BigInteger.valueOf(0x5e57));
    session = TokenTransferSession.create(
        chain, entryPoint, ANVIL.chainId(), TOKEN, owner, sessionKey, LIMIT);
    now = ANVIL.eth().latestBlock().join().timestamp();
  }

  @Test
  void shouldJudgeASessionByWhatOtherBundlersIncludedForIt(@TempDir Path data) throws Exception {
    try (BundlerNode node = BundlerNode.start(config(data), Clock.systemUTC())) {
      URI rpc = URI.create("http://127.0.0.1:" + node.address().getPort());
      chain.handleOps(session.enable(PERMISSION_ID, now - 3_600, now + 86_400, RECIPIENT));

      JsonNode outOfScope = awaitRefusal(rpc,
          session.signed(PERMISSION_ID, 0, session.transfer(RECIPIENT, LIMIT.add(BigInteger.ONE))),
          "session key: call 0 to " + TOKEN);
      assertThat(outOfScope.path("code").asInt()).isEqualTo(-32500);

      chain.handleOps(session.owned(0, KernelAccountCalls.uninstallPermission(PERMISSION_ID, 3)));

      JsonNode uninstalled = awaitRefusal(rpc,
          session.signed(PERMISSION_ID, 0, session.transfer(RECIPIENT, BigInteger.ONE)),
          "permission " + PERMISSION_ID + " is not enabled");
      assertThat(uninstalled.path("code").asInt()).isEqualTo(-32500);
    }
  }

  /** Sends {@code op} until the node refuses it with {@code message}; returns that error. */
  private JsonNode awaitRefusal(URI rpc, PackedUserOperation op, String message)
      throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode response;
    do {
      response = send(rpc, op);
      if (response.path("error").path("message").asText().contains(message)) {
        return response.get("error");
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("not refused with \"" + message + "\": " + response);
  }

  private JsonNode send(URI rpc, PackedUserOperation op) throws Exception {
    Map<String, Object> request = Map.of("jsonrpc", "2.0", "id", 1,
        "method", "eth_sendUserOperation",
        "params", List.of(wire.format(op), entryPoint.address().toString()));
    return JSON.readTree(http.send(HttpRequest.newBuilder(rpc)
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
        .header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** Our bundler: it polls the chain every 50 ms and bundles only when asked (never here). */
  private static BundlerNodeConfig config(Path data) {
    JsonRpcServerConfig server = JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0);
    String key = AnvilAccounts.privateKey(7).toHex();
    return new BundlerNodeConfig(ANVIL.chain().url(), List.of(entryPoint), key, server, data,
        SyncMode.DURABLE, MempoolConfig.defaults(), ReputationConfig.defaults(),
        BundlingMode.MANUAL, BigInteger.ONE, Duration.ofMillis(50), false, false);
  }
}
