package io.seed.bundler.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlerMainTest {
  private static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @TempDir Path dir;

  @Test
  void shouldOfferUnsafeOnBothCommandsAsTheWayToSkipTheRules() {
    for (String command : List.of("run", "dev")) {
      Result result = run(List.of(command, "--help"));
      assertThat(result.status).isZero();
      assertThat(result.out).contains("--unsafe").contains("ERC-7562").contains("BUNDLER_UNSAFE");
    }
  }

  @Test
  void shouldReadAKeyWithOrWithoutPrefixAndIgnoreWhitespace() throws Exception {
    assertThat(BundlerMain.readKey(write("  0x" + KEY + "\n"))).isEqualTo("0x" + KEY);
    assertThat(BundlerMain.readKey(write(KEY))).isEqualTo("0x" + KEY);
  }

  @Test
  void shouldRefuseAMalformedKeyWithoutEchoingIt() throws Exception {
    Path file = write("0x" + KEY.substring(2) + "zz");
    assertThatThrownBy(() -> BundlerMain.readKey(file))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("64 hex digits")
        .hasMessageNotContaining(KEY.substring(2));
    assertThatThrownBy(() -> BundlerMain.readKey(dir.resolve("missing")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void shouldResolveCanonicalEntryPointsAndNamedReleases() throws CliException {
    Address custom = Address.fromHex("0x1111111111111111111111111111111111111111");
    assertThat(
            BundlerOptions.entryPoints(
                EntryPointVersion.V0_8.canonicalAddress().toHex() + ", " + custom.toHex() + "@0.7"))
        .containsExactly(
            EntryPoint.canonical(EntryPointVersion.V0_8), new EntryPoint(custom, EntryPointVersion.V0_7));
  }

  @Test
  void shouldRefuseUnknownAndUnservedEntryPoints() {
    assertThatThrownBy(() -> BundlerOptions.entryPoints("0x1111111111111111111111111111111111111111"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("@0.7");
    assertThatThrownBy(() -> BundlerOptions.entryPoints(EntryPointVersion.V0_6.canonicalAddress().toHex()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("v0.6");
    assertThatThrownBy(() -> BundlerOptions.entryPoints("0x12"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("not an address");
  }

  @Test
  void shouldListEveryOptionWithItsEnvironmentVariable() {
    Result result = run(List.of("run", "--help"));
    assertThat(result.status).isZero();
    assertThat(result.out).contains("--node-url").contains("BUNDLER_NODE_URL").contains("--pool.sync");
  }

  @Test
  void shouldFailOnAnUnknownCommand() {
    Result result = run(List.of("launch"));
    assertThat(result.status).isEqualTo(2);
    assertThat(result.err).contains("unknown command 'launch'");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "key", ".txt");
    Files.writeString(file, content);
    return file;
  }

  private static Result run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        BundlerMain.run(
            args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record Result(int status, String out, String err) {}
}
