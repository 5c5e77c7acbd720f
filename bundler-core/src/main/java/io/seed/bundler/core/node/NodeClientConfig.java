package io.seed.bundler.core.node;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpNodeClient} reaches the node.
 *
 * @param url the node's HTTP JSON-RPC endpoint
 * @param timeout how long one HTTP exchange (a whole batch) may take before its calls fail
 * @param maxBatchSize the most calls sent in one JSON-RPC batch
 * @param maxBatchBytes the largest batch body in bytes; a single larger call is still sent alone
 * @param linger how long the first queued call waits for others to join its batch; zero sends
 *     whatever has queued as soon as the sending thread runs
 */
public record NodeClientConfig(
    URI url, Duration timeout, int maxBatchSize, int maxBatchBytes, Duration linger) {
  /** Default time one exchange may take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Default largest batch; public nodes commonly accept 100 calls per batch. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 100;

  /** Default largest batch body: under anvil's 2 MiB and geth's 5 MiB request limits. */
  public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

  /** Default wait for companions of a call, short against a node round trip. */
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(1);

  public NodeClientConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(linger, "linger");
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("node url must be http or https: " + url);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be at least 1");
    }
    if (maxBatchBytes < 1) {
      throw new IllegalArgumentException("maxBatchBytes must be at least 1");
    }
    if (linger.isNegative()) {
      throw new IllegalArgumentException("linger must not be negative");
    }
  }

  /** The defaults for {@code url}. */
  public static NodeClientConfig of(URI url) {
    return new NodeClientConfig(
        url, DEFAULT_TIMEOUT, DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_BATCH_BYTES, DEFAULT_LINGER);
  }
}
