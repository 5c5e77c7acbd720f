package io.seed.bundler.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --debug-api}: off for {@code run} unless asked for, on for {@code dev} unless refused. */
class DebugApiOptionTest {

  @Test
  void shouldKeepTheDebugApiOffWhenRunningAgainstANode() throws CliException {
    assertThat(debugApi(BundlerMain.RUN_OPTIONS, List.of(), Map.of())).isFalse();
  }

  @Test
  void shouldServeTheDebugApiWhenRunIsAskedByFlagOrEnvironment() throws CliException {
    assertThat(debugApi(BundlerMain.RUN_OPTIONS, List.of("--debug-api"), Map.of())).isTrue();
    assertThat(debugApi(BundlerMain.RUN_OPTIONS, List.of(), Map.of("BUNDLER_DEBUG_API", "true")))
        .isTrue();
  }

  @Test
  void shouldServeTheDebugApiOnTheDevChainByDefault() throws CliException {
    assertThat(debugApi(BundlerMain.DEV_OPTIONS, List.of(), Map.of())).isTrue();
  }

  @Test
  void shouldLetDevTurnTheDebugApiOffByFlagOrEnvironment() throws CliException {
    assertThat(debugApi(BundlerMain.DEV_OPTIONS, List.of("--debug-api=false"), Map.of())).isFalse();
    assertThat(debugApi(BundlerMain.DEV_OPTIONS, List.of(), Map.of("BUNDLER_DEBUG_API", "false")))
        .isFalse();
  }

  private static boolean debugApi(
      List<CliOption> options, List<String> args, Map<String, String> env) throws CliException {
    return BundlerOptions.toDomainObject(
            CliArguments.parse(options, args, env), URI.create("http://127.0.0.1:8545"),
            List.of(EntryPoint.canonical(EntryPointVersion.V0_7)), "0x" + "11".repeat(32),
            Path.of("data"))
        .debugApi();
  }
}
