package io.seed.bundler.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every request/response fixture under {@code specs/<method>/} of the methods that need no
 * chain, through the processor as the server would.
 */
class MethodSpecsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<String> METHODS =
      List.of("eth_chainId", "eth_supportedEntryPoints", "web3_clientVersion");

  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(
          JsonRpcMethodRegistry.builder(EnumSet.allOf(RpcNamespace.class))
              .group(RpcNamespace.ETH, List.of(
                  new EthChainId(31_337),
                  new EthSupportedEntryPoints(new SupportedEntryPoints(List.of(
                      EntryPoint.canonical(EntryPointVersion.V0_7),
                      EntryPoint.canonical(EntryPointVersion.V0_8))))))
              .group(RpcNamespace.WEB3, List.of(new Web3ClientVersion("seed-bundler/0.1.0")))
              .build(),
          10);

  static Stream<Path> fixtures() throws IOException, URISyntaxException {
    Path root = Path.of(MethodSpecsTest.class.getResource("/specs").toURI());
    Stream<Path> all = Stream.empty();
    for (String method : METHODS) {
      all = Stream.concat(all, Files.list(root.resolve(method)).sorted().toList().stream());
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void shouldAnswerAsTheFixtureSays(Path fixture) throws IOException {
    JsonNode spec = MAPPER.readTree(fixture.toFile());

    byte[] response = processor.process(MAPPER.writeValueAsBytes(spec.get("request"))).orElseThrow();

    assertThat(MAPPER.readTree(response)).isEqualTo(spec.get("response"));
  }
}
