package io.seed.bundler.bench.core.erc7562;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.bench.E2eDirectory;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.devchain.DevChain;
import io.seed.bundler.core.devchain.DevChainConfig;
import io.seed.bundler.core.erc7562.SafeMode;
import io.seed.bundler.core.erc7562.SafeModeConfig;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.ValidationPipelines;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What safe mode adds to the validation of one operation, on anvil: the whole validation
 * pipeline of an account-deploying SimpleAccount operation on EntryPoint v0.7 (chain snapshot,
 * precheck, then either the plain {@code simulateValidation} {@code eth_call} or its {@code
 * debug_traceCall} under the ERC-7562 collector tracer, the rules and the code-hash read). The
 * operation changes no state, so the same one is validated again and again.
 *
 * <ul>
 *   <li>{@code plain}: simulation only, as {@code --unsafe} runs; the baseline;
 *   <li>{@code traced}: safe mode, the default.
 * </ul>
 *
 * <p>Needs the e2e Node packages for anvil ({@code cd e2e && npm ci}).
 *
 * <p>Run: {@code ./bundler bench SafeModeValidationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SafeModeValidationBenchmark extends AbstractBenchmark {
  private DevChain chain;
  private HttpNodeClient client;
  private EntryPoint entryPoint;
  private PackedUserOperation deploying;
  private ValidationPipeline plain;
  private ValidationPipeline traced;

  @Setup(Level.Trial)
  public void start() {
    chain = DevChain.start(DevChainConfig.autoMining(E2eDirectory.resolve()));
    client = new HttpNodeClient(NodeClientConfig.of(chain.url()));
    EthApi eth = new EthApi(client);
    SimpleAccountOperations ops = new SimpleAccountOperations(chain, eth, EntryPointVersion.V0_7);
    entryPoint = ops.entryPoint();
    deploying = ops.newAccountDeposit();
    plain = ValidationPipelines.plain(client, chain.chainId(), eth, Clock.systemUTC());
    traced = plain.withSafeMode(
        SafeMode.detect(client, new SafeModeConfig(BigInteger.ONE, Duration.ofSeconds(1))).join());
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    chain.close();
  }

  @Benchmark
  public PoolEntry plain() throws UserOperationRejectedException {
    return plain.validate(deploying, entryPoint);
  }

  @Benchmark
  public PoolEntry traced() throws UserOperationRejectedException {
    return traced.validate(deploying, entryPoint);
  }
}
