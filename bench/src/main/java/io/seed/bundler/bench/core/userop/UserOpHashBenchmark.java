package io.seed.bundler.bench.core.userop;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.bench.SampleOperations;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The userOpHash of one SimpleAccount operation (deployment plus one call) under EntryPoint v0.7
 * (keccak of the packed fields) and v0.8 (EIP-712 with the cached domain separator), computed by
 * the {@link UserOperationHasher} the validation pipeline keeps.
 *
 * <p>Run: {@code ./bundler bench UserOpHashBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar UserOpHashBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class UserOpHashBenchmark extends AbstractBenchmark {
  private static final long CHAIN_ID = 1;

  @Param({"V0_7", "V0_8"})
  public EntryPointVersion version;

  private final UserOperationHasher hasher = new UserOperationHasher();
  private PackedUserOperation operation;
  private EntryPoint entryPoint;

  @Setup
  public void prepare() {
    operation = SampleOperations.firstOperation(1);
    entryPoint = EntryPoint.canonical(version);
  }

  @Benchmark
  public Bytes32 hash() {
    return hasher.hash(operation, entryPoint, CHAIN_ID);
  }
}
