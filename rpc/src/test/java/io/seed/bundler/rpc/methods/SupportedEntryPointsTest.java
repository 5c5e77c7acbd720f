package io.seed.bundler.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportedEntryPointsTest {
  private final SupportedEntryPoints entryPoints =
      new SupportedEntryPoints(List.of(EntryPoint.canonical(EntryPointVersion.V0_7)));

  @Test
  void shouldResolveAddressInAnyLetterCase() {
    assertThat(entryPoints.resolve(TextNode.valueOf("0x0000000071727de22e5e9d8baf0edac6f37da032")))
        .isEqualTo(EntryPoint.canonical(EntryPointVersion.V0_7));
  }

  @Test
  void shouldNameTheUnsupportedEntryPoint() {
    assertThatThrownBy(() -> entryPoints.resolve(TextNode.valueOf("0x4337084d9e255ff0702461cf8895ce9e3b5ff108")))
        .isInstanceOf(RpcException.class)
        .hasMessage("unsupported EntryPoint 0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108; "
            + "supported: 0x0000000071727De22E5E9d8BAf0edAc6f37da032");
  }

  @Test
  void shouldNameTheParameterWhenItIsNotAnAddress() {
    assertThatThrownBy(() -> entryPoints.resolve(TextNode.valueOf("0x1234")))
        .isInstanceOf(RpcException.class)
        .hasMessage("invalid parameter 'entryPoint': must be 20 bytes, got 2");
  }

  @Test
  void shouldRefuseEntryPointV06WhoseOperationsAreNotValidated() {
    assertThatThrownBy(() -> new SupportedEntryPoints(List.of(EntryPoint.canonical(EntryPointVersion.V0_6))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only v0.7 and v0.8");
  }

  @Test
  void shouldRefuseEmptyOrDuplicateLists() {
    assertThatThrownBy(() -> new SupportedEntryPoints(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SupportedEntryPoints(List.of(
            EntryPoint.canonical(EntryPointVersion.V0_7), EntryPoint.canonical(EntryPointVersion.V0_7))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
