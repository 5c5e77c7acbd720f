package io.seed.bundler.bench.rpc.jsonrpc;

import io.seed.bundler.bench.AbstractBenchmark;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import io.seed.bundler.rpc.methods.EthChainId;
import io.seed.bundler.rpc.methods.EthSupportedEntryPoints;
import io.seed.bundler.rpc.methods.SupportedEntryPoints;
import io.seed.bundler.rpc.methods.Web3ClientVersion;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the server spends on a request besides the method's own work: parsing the payload,
 * checking the envelope, finding the method, and serialising the response, through the {@link
 * JsonRpcProcessor} the server uses. {@code single} is one {@code eth_chainId}; {@code batch} is
 * a batch of ten of them (the figure is per batch).
 *
 * <p>Run: {@code ./bundler bench JsonRpcDispatchBenchmark}, or {@code java -jar
 * bench/target/benchmarks.jar JsonRpcDispatchBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonRpcDispatchBenchmark extends AbstractBenchmark {
  private static final int BATCH_SIZE = 10;

  private JsonRpcProcessor processor;
  private byte[] single;
  private byte[] batch;

  @Setup
  public void prepare() {
    SupportedEntryPoints entryPoints =
        new SupportedEntryPoints(
            List.of(
                EntryPoint.canonical(EntryPointVersion.V0_7),
                EntryPoint.canonical(EntryPointVersion.V0_8)));
    JsonRpcMethodRegistry methods =
        JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH, RpcNamespace.WEB3))
            .group(RpcNamespace.ETH,
                List.of(new EthChainId(1), new EthSupportedEntryPoints(entryPoints)))
            .group(RpcNamespace.WEB3, List.of(new Web3ClientVersion("seed-bundler/bench")))
            .build();
    processor = new JsonRpcProcessor(methods, JsonRpcServerConfig.DEFAULT_MAX_BATCH_SIZE);
    single = request(1).getBytes(StandardCharsets.UTF_8);
    StringJoiner requests = new StringJoiner(",", "[", "]");
    for (int id = 1; id <= BATCH_SIZE; id++) {
      requests.add(request(id));
    }
    batch = requests.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Optional<byte[]> single() {
    return processor.process(single);
  }

  @Benchmark
  public Optional<byte[]> batch() {
    return processor.process(batch);
  }

  private static String request(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"eth_chainId\",\"params\":[]}";
  }
}
