package io.seed.bundler.rpc.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping a whole node: what it needs, and what it gives back when it cannot start. */
class BundlerNodeIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  @TempDir Path dataDirectory;

  @Test
  void shouldServeHealthAndMetricsOnceStarted() throws Exception {
    try (BundlerNode node = BundlerNode.start(config(ANVIL.chain().url(), entryPoints(), 0), Clock.systemUTC())) {
      HttpClient http = HttpClient.newHttpClient();
      URI base = URI.create("http://127.0.0.1:" + node.address().getPort());
      HttpResponse<String> health =
          http.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> metrics =
          http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body()).contains("bundler_node_requests_total").contains("bundler_mempool_operations 0");
      assertThat(node.chainId()).isEqualTo(ANVIL.chainId());
      assertThat(node.signerAddress()).isEqualTo(AnvilAccounts.address(8));
    }
  }

  @Test
  void shouldRefuseAnEntryPointWithoutCode() {
    List<EntryPoint> missing =
        List.of(new EntryPoint(Address.fromHex("0x1111111111111111111111111111111111111111"), EntryPointVersion.V0_7));
    assertThatThrownBy(() -> BundlerNode.start(config(ANVIL.chain().url(), missing, 0), Clock.systemUTC()))
        .hasMessageContaining("no contract at EntryPoint v0.7 address 0x1111111111111111111111111111111111111111");
  }

  @Test
  void shouldNameTheNodeWhenItIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI down = URI.create("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> BundlerNode.start(config(down, entryPoints(), 0), Clock.systemUTC()))
        .hasMessageContaining("eth_chainId")
        .hasMessageContaining(down.toString());
  }

  @Test
  void shouldReleaseTheMempoolWhenStartingFails() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(
              () -> BundlerNode.start(config(ANVIL.chain().url(), entryPoints(), taken.getLocalPort()), Clock.systemUTC()))
          .isInstanceOf(IllegalStateException.class);
    }
    // The failed start opened the RocksDB store in the same directory; it must have closed it.
    try (BundlerNode node = BundlerNode.start(config(ANVIL.chain().url(), entryPoints(), 0), Clock.systemUTC())) {
      assertThat(node.address().getPort()).isPositive();
    }
  }

  private static List<EntryPoint> entryPoints() {
    return List.of(ANVIL.entryPoint(EntryPointVersion.V0_7), ANVIL.entryPoint(EntryPointVersion.V0_8));
  }

  private BundlerNodeConfig config(URI nodeUrl, List<EntryPoint> entryPoints, int port) {
    return new BundlerNodeConfig(
        nodeUrl, entryPoints, AnvilAccounts.privateKey(8).toHex(),
        JsonRpcServerConfig.defaults().withAddress("127.0.0.1", port), dataDirectory,
        SyncMode.DURABLE, MempoolConfig.defaults(), ReputationConfig.defaults(), BundlingMode.MANUAL,
        BigInteger.valueOf(1_000_000_000L), Duration.ofMillis(200), false, false);
  }
}
