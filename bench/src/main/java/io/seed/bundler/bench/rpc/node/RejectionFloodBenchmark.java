package io.seed.bundler.bench.rpc.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.bench.E2eDirectory;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.devchain.DevChain;
import io.seed.bundler.core.devchain.DevChainConfig;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.sessionkey.kernel.KernelChain;
import io.seed.bundler.core.sessionkey.kernel.TokenTransferSession;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.node.BundlerNode;
import io.seed.bundler.rpc.node.BundlerNodeConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.web3j.crypto.ECKeyPair;

/**
 * A flood of out-of-scope session-key operations through the whole server: a real {@link
 * BundlerNode} on a local socket (HTTP keep-alive, one connection per thread), anvil with Kernel
 * v3.1 and our ZeroDev-compatible policies, and a session whose permission an enable-mode
 * operation installed first. Every flooded {@code eth_sendUserOperation} transfers one unit more
 * than the session's limit and must come back as -32500; the run fails if one does not, or if the
 * server made a single node request while flooding (read from its {@code /metrics}).
 *
 * <ul>
 *   <li>{@code chainId}: {@code eth_chainId} on the same connections, the baseline: what the
 *       server and the client cost per request with no method work at all;
 *   <li>{@code outOfScope}: one operation per request;
 *   <li>{@code outOfScopeBatch}: JSON-RPC batches of {@value #BATCH} operations, scored per
 *       operation.
 * </ul>
 *
 * <p>Client and server share the machine (and this JVM), so the figure is a floor for a server
 * with cores of its own. Needs the e2e Node packages ({@code cd e2e && npm ci}) for anvil and the
 * contracts; {@code -Dbundler.e2e.dir} points elsewhere than {@code ./e2e}.
 *
 * <p>Run: {@code ./bundler bench RejectionFloodBenchmark} (16 threads; {@code -t N} for others).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class RejectionFloodBenchmark extends AbstractBenchmark {
  /** Operations per batch in {@code outOfScopeBatch}. */
  public static final int BATCH = 50;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NODE_REQUESTS =
      Pattern.compile("^bundler_node_requests_total (\\d+)$", Pattern.MULTILINE);
  private static final byte[] REJECTED = "\"code\":-32500".getBytes(StandardCharsets.US_ASCII);
  private static final Address TOKEN =
      Address.fromHex("0x7e57000000000000000000000000000000000001");
  private static final Address RECIPIENT =
      Address.fromHex("0x000000000000000000000000000000000000a001");
  private static final Bytes PERMISSION_ID = Bytes.fromHex("0x5e55a001");
  private static final BigInteger LIMIT = BigInteger.valueOf(1_000_000);

  private Path dataDirectory;
  private DevChain chain;
  private HttpNodeClient chainClient;
  private BundlerNode node;
  private URI metrics;
  private long nodeRequestsBefore;
  byte[] chainIdRequest;
  byte[] outOfScopeRequest;
  byte[] outOfScopeBatchRequest;

  /** One connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Connection {
    KeepAliveConnection connection;

    @Setup(Level.Trial)
    public void open(RejectionFloodBenchmark server) throws IOException {
      connection = new KeepAliveConnection(server.node.address(), "/rpc");
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      connection.close();
    }
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path e2eDir = E2eDirectory.resolve();
    chain = DevChain.start(DevChainConfig.autoMining(e2eDir));
    chainClient = new HttpNodeClient(NodeClientConfig.of(chain.url()));
    EntryPoint entryPoint = chain.entryPoint(EntryPointVersion.V0_7);
    KernelChain kernel = KernelChain.deploy(e2eDir, chainClient, entryPoint);
    TokenTransferSession session = TokenTransferSession.create(kernel, entryPoint,
        chain.chainId(), TOKEN, ECKeyPair.create(BigInteger.valueOf(0x0e1)),
        ECKeyPair.create(BigInteger.valueOf(0x5e55)), LIMIT);

    dataDirectory = Files.createTempDirectory("rejection-flood");
    node = BundlerNode.start(config(entryPoint), Clock.systemUTC());
    UserOperationJson wire = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);
    long now = new EthApi(chainClient).latestBlock().join().timestamp();
    try (KeepAliveConnection setup = new KeepAliveConnection(node.address(), "/rpc")) {
      JsonNode enabled = JSON.readTree(setup.post(sendRequest(1,
          wire.format(session.enable(PERMISSION_ID, now - 3_600, now + 86_400, RECIPIENT)),
          entryPoint)));
      if (!enabled.has("result")) {
        throw new IllegalStateException("the enable-mode operation was refused: " + enabled);
      }
      JsonNode bundled = JSON.readTree(setup.post(JSON.writeValueAsBytes(request(1,
          "debug_bundler_sendBundleNow", JSON.createArrayNode()))));
      if (!bundled.has("result")) {
        throw new IllegalStateException("the enable-mode operation was not bundled: " + bundled);
      }
    }

    PackedUserOperation outOfScope =
        session.signed(PERMISSION_ID, 0, session.transfer(RECIPIENT, LIMIT.add(BigInteger.ONE)));
    outOfScopeRequest = sendRequest(1, wire.format(outOfScope), entryPoint);
    ArrayNode batch = JSON.createArrayNode();
    for (int id = 1; id <= BATCH; id++) {
      batch.add(JSON.readTree(sendRequest(id, wire.format(outOfScope), entryPoint)));
    }
    outOfScopeBatchRequest = JSON.writeValueAsBytes(batch);
    chainIdRequest = JSON.writeValueAsBytes(request(1, "eth_chainId", JSON.createArrayNode()));
    metrics = URI.create("http://127.0.0.1:" + node.address().getPort() + "/metrics");
    nodeRequestsBefore = nodeRequests();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    try {
      long made = nodeRequests() - nodeRequestsBefore;
      if (made != 0) {
        throw new IllegalStateException("the server made " + made + " node requests while"
            + " refusing out-of-scope operations; it must make none");
      }
    } finally {
      node.close();
      chainClient.close();
      chain.close();
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Benchmark
  public byte[] chainId(Connection client) throws IOException {
    return client.connection.post(chainIdRequest);
  }

  @Benchmark
  public byte[] outOfScope(Connection client) throws IOException {
    return requireRejected(client.connection.post(outOfScopeRequest));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] outOfScopeBatch(Connection client) throws IOException {
    return requireRejected(client.connection.post(outOfScopeBatchRequest));
  }

  /** Fails the run unless the response holds a -32500 (for a batch: its first element's). */
  private static byte[] requireRejected(byte[] response) {
    if (indexOf(response, REJECTED) < 0) {
      throw new IllegalStateException("not refused with -32500: "
          + new String(response, 0, Math.min(response.length, 300), StandardCharsets.UTF_8));
    }
    return response;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int start = 0; start <= haystack.length - needle.length; start++) {
      for (int i = 0; i < needle.length; i++) {
        if (haystack[start + i] != needle[i]) {
          continue outer;
        }
      }
      return start;
    }
    return -1;
  }

  private long nodeRequests() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String body = http.send(HttpRequest.newBuilder(metrics).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher matcher = NODE_REQUESTS.matcher(body);
      if (!matcher.find()) {
        throw new IllegalStateException("no bundler_node_requests_total in /metrics: " + body);
      }
      return Long.parseLong(matcher.group(1));
    }
  }

  private static byte[] sendRequest(int id, Object operation, EntryPoint entryPoint) {
    ArrayNode params = JSON.createArrayNode();
    params.add(JSON.valueToTree(operation));
    params.add(entryPoint.address().toString());
    try {
      return JSON.writeValueAsBytes(request(id, "eth_sendUserOperation", params));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode request(int id, String method, ArrayNode params) {
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
        .put("method", method);
    request.set("params", params);
    return request;
  }

  /**
   * Manual bundling and an hourly chain poll: once the enable-mode operation is bundled, nothing
   * but the flood could make the server talk to the node.
   */
  private BundlerNodeConfig config(EntryPoint entryPoint) {
    return new BundlerNodeConfig(
        chain.url(), List.of(entryPoint), AnvilAccounts.privateKey(8).toHex(),
        JsonRpcServerConfig.defaults().withAddress("127.0.0.1", 0), dataDirectory,
        SyncMode.DURABLE, MempoolConfig.defaults(), ReputationConfig.defaults(),
        BundlingMode.MANUAL, BigInteger.valueOf(1_000_000_000L), Duration.ofHours(1), true, false);
  }
}
