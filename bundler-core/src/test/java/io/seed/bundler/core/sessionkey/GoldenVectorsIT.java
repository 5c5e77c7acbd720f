package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs e2e/golden/generate.mjs with the installed SDKs and checks it reproduces the committed
 * vectors byte for byte, so an SDK upgrade that changes an encoding shows up here.
 */
class GoldenVectorsIT {
  private static final List<String> FILES =
      List.of("kernel-permissions.json", "smart-sessions.json", "fastlz.json");

  @Test
  void shouldRegenerateTheCommittedVectorsFromTheSdks(@TempDir Path output) throws Exception {
    String e2e = System.getProperty("bundler.e2e.dir");
    assertThat(e2e).as("system property bundler.e2e.dir (set by failsafe)").isNotBlank();
    Path script = Path.of(e2e, "golden", "generate.mjs");
    Process node = new ProcessBuilder("node", script.toString(), output.toString())
        .redirectErrorStream(true)
        .start();
    boolean finished = node.waitFor(3, TimeUnit.MINUTES);
    String log = new String(node.getInputStream().readAllBytes());
    assertThat(finished).as("generator finished: %s", log).isTrue();
    assertThat(node.exitValue()).as(log).isZero();

    for (String file : FILES) {
      assertThat(Files.readString(output.resolve(file))).as(file).isEqualTo(committed(file));
    }
  }

  private static String committed(String file) throws IOException {
    try (InputStream in = GoldenVectorsIT.class.getResourceAsStream("/sessionkey/golden/" + file)) {
      assertThat(in).as(file).isNotNull();
      return new String(in.readAllBytes());
    }
  }
}
