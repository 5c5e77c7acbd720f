package io.seed.bundler.rpc.methods;

import static java.time.ZoneOffset.UTC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.Mempool;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.StakedEntities;
import io.seed.bundler.mempool.reputation.EntryPointStakes;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every fixture under {@code specs/debug_bundler_<method>/} of the debug methods that need
 * no chain, through the processor as the server would, over a real in-memory pool, reputation and
 * builder (their node is never asked: nothing here builds a bundle or reads a stake). A fixture may
 * fill the pool first ({@code pool}: operations with their EntryPoint), send requests before
 * ({@code setup}, which must succeed), then check more exchanges after ({@code then}: request and
 * response pairs) and say what the pool and the builder hold afterwards ({@code pendingAfter},
 * {@code modeAfter}).
 */
class DebugBundlerSpecsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long CHAIN_ID = 31_337;

  private final SupportedEntryPoints entryPoints =
      new SupportedEntryPoints(List.of(
          EntryPoint.canonical(EntryPointVersion.V0_7),
          EntryPoint.canonical(EntryPointVersion.V0_8)));
  private final UserOperationJson json = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);
  private final Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), StakedEntities.NONE);
  // Nothing listens there: a request reaching the node would fail the fixture.
  private final HttpNodeClient node =
      new HttpNodeClient(NodeClientConfig.of(URI.create("http://127.0.0.1:9/")));
  private final BundleBuilder builder = builder();
  private final Reputation reputation =
      Reputation.inMemory(
          ReputationConfig.defaults(), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), UTC));
  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(
          JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.DEBUG_BUNDLER))
              .group(RpcNamespace.DEBUG_BUNDLER, List.of(
                  new DebugBundlerClearMempool(pool),
                  new DebugBundlerDumpMempool(entryPoints, pool, json),
                  new DebugBundlerSetBundlingMode(builder),
                  new DebugBundlerSendBundleNow(builder),
                  new DebugBundlerClearState(pool, reputation),
                  new DebugBundlerSetReputation(entryPoints, reputation),
                  new DebugBundlerDumpReputation(entryPoints, reputation),
                  new DebugBundlerClearReputation(reputation),
                  new DebugBundlerGetStakeStatus(
                      entryPoints,
                      new EntryPointStakes(
                          new EthApi(node), new EntryPointSimulationsCode(node),
                          ReputationConfig.defaults()))))
              .build(),
          10);

  @AfterEach
  void close() {
    pool.close();
    node.close();
  }

  /** Every fixture of every {@code debug_bundler_*} folder, so a new method's fixtures join. */
  static Stream<Path> fixtures() throws IOException, URISyntaxException {
    Path root = Path.of(DebugBundlerSpecsTest.class.getResource("/specs").toURI());
    try (Stream<Path> folders = Files.list(root)) {
      List<Path> debug =
          folders.filter(folder -> folder.getFileName().toString().startsWith("debug_bundler_"))
              .toList();
      List<Path> files = new ArrayList<>();
      for (Path folder : debug) {
        try (Stream<Path> inFolder = Files.list(folder)) {
          files.addAll(inFolder.toList());
        }
      }
      return files.stream().sorted();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void shouldAnswerAsTheFixtureSays(Path fixture)
      throws IOException, UserOperationRejectedException {
    JsonNode spec = MAPPER.readTree(fixture.toFile());
    for (JsonNode pending : spec.path("pool")) {
      pool.add(entry(pending));
    }
    for (JsonNode request : spec.path("setup")) {
      assertThat(exchange(request).has("result")).as("setup %s", request).isTrue();
    }

    JsonNode response = exchange(spec.get("request"));

    assertThat(response).isEqualTo(spec.get("response"));
    for (JsonNode next : spec.path("then")) {
      assertThat(exchange(next.get("request"))).isEqualTo(next.get("response"));
    }
    if (spec.has("pendingAfter")) {
      assertThat(pool.size()).isEqualTo(spec.get("pendingAfter").intValue());
    }
    if (spec.has("modeAfter")) {
      assertThat(builder.mode()).isEqualTo(BundlingMode.valueOf(spec.get("modeAfter").textValue()));
    }
  }

  private JsonNode exchange(JsonNode request) throws IOException {
    return MAPPER.readTree(processor.process(MAPPER.writeValueAsBytes(request)).orElseThrow());
  }

  private PoolEntry entry(JsonNode pending) {
    EntryPoint entryPoint = entryPoints.resolve(pending.get("entryPoint"));
    PackedUserOperation op = json.parse(pending.get("userOperation"), entryPoint.version());
    return new PoolEntry(
        new UserOperationHasher().hash(op, entryPoint, CHAIN_ID), entryPoint, op, 0, 0,
        Instant.EPOCH, EntityStakes.NONE, CodeHashes.NONE, AccessedStorage.NONE);
  }

  private BundleBuilder builder() {
    TransactionSigner signer =
        TransactionSigner.fromPrivateKey(AnvilAccounts.privateKey(0).toHex(), CHAIN_ID);
    InMemoryIncludedOperations included = new InMemoryIncludedOperations(10);
    return new BundleBuilder(
        new EthApi(node), signer, entryPoints.all(), pool, entry -> entry,
        new InclusionRecorder(entryPoints.all(), pool, included),
        BuilderConfig.defaults(signer.address()), Clock.systemUTC());
  }
}
