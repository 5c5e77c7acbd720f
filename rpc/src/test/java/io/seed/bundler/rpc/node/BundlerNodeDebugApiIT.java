package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import io.seed.bundler.rpc.wire.HexJson;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@link BundlerNode} on anvil, over HTTP: the {@code debug_bundler} namespace exists only
 * when {@link BundlerNodeConfig#debugApi()} is on.
 */
class BundlerNodeDebugApiIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int SIGNER_ACCOUNT = 7;
  private static final List<String> DEBUG_METHODS =
      List.of(
          "debug_bundler_clearMempool", "debug_bundler_dumpMempool",
          "debug_bundler_setBundlingMode", "debug_bundler_sendBundleNow");

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDirectory;

  @AfterEach
  void closeClient() {
    http.close();
  }

  @Test
  void shouldAnswerMethodNotFoundForEveryDebugMethodWhenTheSwitchIsOff() throws Exception {
    try (BundlerNode node = BundlerNode.start(config(false), Clock.systemUTC())) {
      for (String method : DEBUG_METHODS) {
        JsonNode error = call(node, method, v07()).get("error");

        assertThat(error.get("code").intValue()).as(method).isEqualTo(-32601);
      }
      assertThat(call(node, "eth_chainId").get("result").textValue())
          .isEqualTo(HexJson.quantity(ANVIL.chainId()));
    }
  }

  @Test
  void shouldServeTheDebugMethodsWhenTheSwitchIsOn() throws Exception {
    try (BundlerNode node = BundlerNode.start(config(true), Clock.systemUTC())) {
      assertThat(call(node, "debug_bundler_setBundlingMode", "manual").get("result").textValue())
          .isEqualTo("ok");
      assertThat(call(node, "debug_bundler_dumpMempool", v07()).get("result")).isEmpty();
      assertThat(call(node, "debug_bundler_sendBundleNow").get("result").textValue())
          .isEqualTo("ok");
      assertThat(call(node, "debug_bundler_clearMempool").get("result").textValue())
          .isEqualTo("ok");
    }
  }

  private BundlerNodeConfig config(boolean debugApi) {
    List<EntryPoint> entryPoints =
        List.of(ANVIL.entryPoint(EntryPointVersion.V0_7), ANVIL.entryPoint(EntryPointVersion.V0_8));
    return new BundlerNodeConfig(
        ANVIL.chain().url(), entryPoints, AnvilAccounts.privateKey(SIGNER_ACCOUNT).toHex(),
        JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0), dataDirectory,
        SyncMode.DURABLE, MempoolConfig.defaults(), BundlingMode.MANUAL,
        BigInteger.valueOf(1_000_000_000L), Duration.ofMillis(200), debugApi);
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

  private static String v07() {
    return HexJson.address(ANVIL.entryPoint(EntryPointVersion.V0_7).address());
  }
}
