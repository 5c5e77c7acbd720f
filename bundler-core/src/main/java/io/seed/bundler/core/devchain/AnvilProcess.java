package io.seed.bundler.core.devchain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running anvil. Its output is drained into the log (so the pipe never fills) and watched for
 * the line that tells which port it bound.
 */
final class AnvilProcess {
  private static final Logger LOG = LoggerFactory.getLogger("anvil");
  private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
  private static final int OUTPUT_KEPT_FOR_ERRORS = 20;
  private static final long STOP_GRACE_SECONDS = 5;

  private final Process process;
  private final URI url;

  private AnvilProcess(Process process, URI url) {
    this.process = process;
    this.url = url;
  }

  static Path binary(Path e2eDir) {
    return e2eDir.resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
  }

  /** Starts anvil and returns once it listens. */
  static AnvilProcess start(DevChainConfig config) {
    Path binary = binary(config.e2eDir());
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "anvil not found at " + binary + "; run `npm ci` in " + config.e2eDir());
    }
    List<String> command = new ArrayList<>(List.of(
        binary.toString(), "--host", "127.0.0.1", "--port", Integer.toString(config.port())));
    if (config.blockTime() != null) {
      command.add("--block-time");
      command.add(String.format(Locale.ROOT, "%.3f", config.blockTime().toMillis() / 1000.0));
    }
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + binary, e);
    }
    CompletableFuture<URI> listening = new CompletableFuture<>();
    Deque<String> recent = new ArrayDeque<>();
    Thread drain = new Thread(() -> drain(process, listening, recent), "anvil-output");
    drain.setDaemon(true);
    drain.start();
    try {
      URI url = listening.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new AnvilProcess(process, url);
    } catch (ExecutionException | TimeoutException e) {
      stop(process);
      String output;
      synchronized (recent) {
        output = String.join("\n", recent);
      }
      throw new IllegalStateException(
          "anvil did not start listening within " + config.startTimeout() + " (" + command
              + "); its last output:\n" + output, e);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting anvil", e);
    }
  }

  URI url() {
    return url;
  }

  void stop() {
    stop(process);
  }

  private static void drain(Process process, CompletableFuture<URI> listening, Deque<String> recent) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        LOG.debug("{}", line);
        if (!listening.isDone()) {
          synchronized (recent) {
            recent.addLast(line);
            if (recent.size() > OUTPUT_KEPT_FOR_ERRORS) {
              recent.removeFirst();
            }
          }
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) {
            listening.complete(URI.create("http://" + matcher.group(1) + ":" + matcher.group(2)));
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("anvil output closed", e);
    }
    listening.completeExceptionally(
        new IllegalStateException("anvil exited before listening, exit code " + exitCode(process)));
  }

  private static String exitCode(Process process) {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
