package io.seed.bundler.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcMethodRegistryTest {

  @Test
  void shouldLeaveOutGroupsOfDisabledNamespaces() {
    JsonRpcMethodRegistry registry =
        JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH, RpcNamespace.WEB3))
            .group(RpcNamespace.ETH, List.of(named("eth_a")))
            .group(RpcNamespace.DEBUG_BUNDLER, List.of(named("debug_bundler_clearState")))
            .group(RpcNamespace.WEB3, List.of(named("web3_clientVersion")))
            .build();

    assertThat(registry.names()).containsExactly("eth_a", "web3_clientVersion");
    assertThat(registry.find("debug_bundler_clearState")).isEmpty();
  }

  @Test
  void shouldRefuseMethodOutsideItsNamespaceEvenWhenDisabled() {
    assertThatThrownBy(
            () -> JsonRpcMethodRegistry.builder(EnumSet.noneOf(RpcNamespace.class))
                .group(RpcNamespace.DEBUG_BUNDLER, List.of(named("debug_clearState"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("debug_clearState");
  }

  @Test
  void shouldRefuseNameRegisteredTwice() {
    assertThatThrownBy(
            () -> JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH))
                .group(RpcNamespace.ETH, List.of(named("eth_a"), named("eth_a"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }

  @Test
  void shouldNotTakeDebugForDebugBundler() {
    assertThat(RpcNamespace.DEBUG_BUNDLER.owns("debug_bundler_dumpMempool")).isTrue();
    assertThat(RpcNamespace.DEBUG_BUNDLER.owns("debug_traceCall")).isFalse();
    assertThat(RpcNamespace.ETH.owns("eth_")).isFalse();
    assertThat(RpcNamespace.ETH.owns("ethx_a")).isFalse();
  }

  @Test
  void shouldParseNamespacePrefixes() {
    assertThat(RpcNamespace.fromPrefix(" Debug_Bundler ")).isEqualTo(RpcNamespace.DEBUG_BUNDLER);
    assertThatThrownBy(() -> RpcNamespace.fromPrefix("admin")).isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonRpcMethod named(String name) {
    return new JsonRpcMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Object execute(JsonRpcRequest request) {
        return name;
      }
    };
  }
}
