package io.seed.bundler.core.erc7562;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.BundleRecheck;
import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.ValidationPipelines;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;

class SafeModeIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final Logger LOG = LoggerFactory.getLogger(SafeModeIT.class);
  private static final SafeModeConfig STAKE = new SafeModeConfig(BigInteger.ONE, Duration.ofSeconds(1));

  private static SafeMode safeMode() {
    return SafeMode.detect(ANVIL.client(), STAKE).join();
  }

  private static ValidationPipeline plainPipeline() {
    return ValidationPipelines.plain(ANVIL, ANVIL.eth(), Clock.systemUTC());
  }

  private static ValidationPipeline safePipeline() {
    return plainPipeline().withSafeMode(safeMode());
  }

  @Test
  void shouldDetectTheJavaScriptCollectorOnAnvil() {
    assertThat(safeMode().tracerName()).isEqualTo("javascript collector");
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldAcceptACompliantDeployingSimpleAccountOperationWithItsCodeHashes(
      EntryPointVersion version) throws UserOperationRejectedException {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.newAccountDeposit();

    PoolEntry entry = safePipeline().validate(op, ops.entryPoint());

    assertThat(entry.userOpHash()).isEqualTo(ops.hash(op));
    Bytes32 factoryHash = entry.codeHashes().hashes().get(op.factory());
    assertThat(factoryHash).isNotNull().isNotEqualTo(Bytes32.ZERO);
    // Not deployed yet: the sender's hash is that of an account without code.
    assertThat(entry.codeHashes().hashes()).containsKey(op.sender());
    assertThat(entry.codeHashes().hashes()).doesNotContainKey(ops.entryPoint().address());
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldAttributeTheFactoryAndAccountPhasesOfADeployingOperation(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation op = ops.newAccountDeposit();
    Bytes code = new EntryPointSimulationsCode(ANVIL.client()).runtimeCode(version).join();

    TracedValidation traced = safeMode().trace(op, ops.entryPoint(), code).join();

    assertThat(traced.outcome()).isInstanceOf(Simulation.Passed.class);
    assertThat(traced.trace().frames())
        .extracting(EntityFrame::entity)
        .containsExactly(Entity.FACTORY, Entity.ACCOUNT);
    EntityFrame factory = traced.trace().frames().get(0);
    EntityFrame account = traced.trace().frames().get(1);
    assertThat(factory.count(Opcodes.CREATE2)).isOne();
    assertThat(factory.storage()).containsKey(op.sender());
    // the account pays its prefund to the EntryPoint's fallback and recovers its owner with ecrecover
    assertThat(account.calls())
        .anySatisfy(call -> {
          assertThat(call.to()).isEqualTo(ops.entryPoint().address());
          assertThat(call.from()).isEqualTo(op.sender());
          assertThat(call.value()).isPositive();
          assertThat(call.selector().isEmpty()).isTrue();
        })
        .anySatisfy(call -> assertThat(call.to().toHex()).endsWith("0000000001"));
    assertThat(account.opcodes()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldRejectWithTheSameEntryPointReasonAsThePlainSimulation(EntryPointVersion version) {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation badSignature =
        ops.sign(ops.newAccountDeposit(), ECKeyPair.create(BigInteger.TEN));

    assertThatThrownBy(() -> safePipeline().validate(badSignature, ops.entryPoint()))
        .isInstanceOf(UserOperationRejectedException.class)
        .satisfies(
            failure ->
                assertThat(((UserOperationRejectedException) failure).reason())
                    .isEqualTo(RejectionReason.INVALID_SIGNATURE));
  }

  @Test
  void shouldDropAnOperationWhoseFactoryCodeChangedBetweenValidationAndBundling()
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    PackedUserOperation op = ops.newAccountDeposit();
    ValidationPipeline pipeline = safePipeline();
    PoolEntry entry = pipeline.validate(op, ops.entryPoint());
    TestPool pool = new TestPool();
    pool.add(entry);
    Bytes factoryCode = ANVIL.eth().getCode(op.factory(), BlockTag.LATEST).join();
    ANVIL.client()
        .request("anvil_setCode", op.factory(), Bytes.concat(factoryCode, Bytes.fromHex("0x00")))
        .join();
    try {
      BundleBuilder builder =
          builder(ops, pool, bundled -> pipeline.validate(bundled.operation(), bundled.entryPoint()));

      assertThat(builder.sendBundleNow()).isEmpty();
      assertThat(pool.size()).isZero();
    } finally {
      ANVIL.client().request("anvil_setCode", op.factory(), factoryCode).join();
    }
  }

  /*
   * Both pipelines must agree on every operation; the log line gives what the trace costs per
   * validation against the plain eth_call simulation on this machine (not asserted).
   */
  @Test
  void shouldAcceptEveryOperationThePlainSimulationAccepts() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    ValidationPipeline plain = plainPipeline();
    ValidationPipeline safe = safePipeline();
    int count = 50;
    List<PackedUserOperation> operations =
        IntStream.range(0, count).mapToObj(i -> ops.newAccountDeposit()).toList();
    plain.validate(operations.get(0), ops.entryPoint());
    safe.validate(operations.get(0), ops.entryPoint());

    long plainNanos = 0;
    long safeNanos = 0;
    for (PackedUserOperation op : operations) {
      long start = System.nanoTime();
      PoolEntry plainEntry = plain.validate(op, ops.entryPoint());
      long middle = System.nanoTime();
      PoolEntry safeEntry = safe.validate(op, ops.entryPoint());
      long end = System.nanoTime();
      plainNanos += middle - start;
      safeNanos += end - middle;
      assertThat(safeEntry.userOpHash()).isEqualTo(plainEntry.userOpHash());
      assertThat(safeEntry.stakes()).isEqualTo(plainEntry.stakes());
    }
    LOG.info(
        "Validation of a deploying SimpleAccount operation, mean of {}: plain {} µs, safe mode {} µs",
        count, plainNanos / count / 1_000, safeNanos / count / 1_000);
  }

  private static BundleBuilder builder(
      SimpleAccountOperations ops, TestPool pool, BundleRecheck recheck) {
    TransactionSigner signer =
        TransactionSigner.fromPrivateKey(AnvilAccounts.privateKey(6).toHex(), ANVIL.chainId());
    BuilderConfig defaults = BuilderConfig.defaults(signer.address());
    BuilderConfig config =
        new BuilderConfig(
            signer.address(), defaults.maxBundleGas(), defaults.maxBundleOperations(),
            defaults.bundleGasOverhead(), Duration.ofMillis(50),
            BigInteger.valueOf(1_000_000_000L), false, 2, 15, defaults.expiryMarginSeconds(),
            Duration.ofSeconds(60), BundlingMode.MANUAL);
    return new BundleBuilder(
        ANVIL.eth(), signer, List.of(ops.entryPoint()), pool, recheck,
        new InclusionRecorder(
            List.of(ops.entryPoint()), pool, new InMemoryIncludedOperations(100)),
        config, Clock.systemUTC());
  }
  @Test
  void shouldKeepNoMoreTracesAtTheNodeThanConfiguredAndQueueTheRest() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    List<PackedUserOperation> burst = IntStream.range(0, 8).mapToObj(i -> ops.newAccountDeposit())
        .toList();
    Bytes code = new EntryPointSimulationsCode(ANVIL.client())
        .runtimeCode(EntryPointVersion.V0_7).join();
    TracesInFlight node = new TracesInFlight(ANVIL.client());
    SafeMode safeMode = SafeMode.detect(node,
        new SafeModeConfig(BigInteger.ONE, Duration.ofSeconds(1), 2)).join();

    List<TracedValidation> traced;
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<TracedValidation>> futures = new ArrayList<>();
      for (PackedUserOperation op : burst) {
        futures.add(callers.submit(() -> safeMode.trace(op, ops.entryPoint(), code).join()));
      }
      traced = new ArrayList<>();
      for (Future<TracedValidation> future : futures) {
        traced.add(future.get());
      }
    }

    assertThat(traced).allSatisfy(
        one -> assertThat(one.outcome()).isInstanceOf(Simulation.Passed.class));
    assertThat(node.traces()).isEqualTo(burst.size());
    assertThat(node.mostAtOnce()).isEqualTo(2);
  }

  /** The fixture's client, counting the {@code debug_traceCall}s it has at the node at once. */
  private static final class TracesInFlight implements NodeClient {
    private final NodeClient node;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger traces = new AtomicInteger();

    TracesInFlight(NodeClient node) {
      this.node = node;
    }

    @Override
    public CompletableFuture<JsonNode> request(String method, Object... params) {
      if (!method.equals("debug_traceCall")) {
        return node.request(method, params);
      }
      traces.incrementAndGet();
      mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return node.request(method, params).whenComplete((result, failure) -> inFlight.decrementAndGet());
    }

    @Override
    public long requestCount() {
      return node.requestCount();
    }

    @Override
    public void close() {}

    /** Traces of the burst only: detection's two probes are not counted. */
    int traces() {
      return traces.get() - 2;
    }

    int mostAtOnce() {
      return mostAtOnce.get();
    }
  }
}
