package io.seed.bundler.core.devchain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start the development chain.
 *
 * @param e2eDir the directory whose {@code node_modules} hold anvil and the EntryPoint artifacts
 * @param port the port anvil listens on (loopback only); 0 lets the system pick a free one
 * @param blockTime the interval between blocks, or {@code null} to mine each transaction at once
 * @param startTimeout how long starting anvil and each deployment step may take
 */
public record DevChainConfig(Path e2eDir, int port, Duration blockTime, Duration startTimeout) {
  /** Default bound on start-up and on each deployment step. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  public DevChainConfig {
    Objects.requireNonNull(e2eDir, "e2eDir");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (blockTime != null && (blockTime.isNegative() || blockTime.isZero())) {
      throw new IllegalArgumentException("blockTime must be positive");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException("startTimeout must be positive");
    }
  }

  /** A chain on a free port that mines every transaction at once, as tests want. */
  public static DevChainConfig autoMining(Path e2eDir) {
    return new DevChainConfig(e2eDir, 0, null, DEFAULT_START_TIMEOUT);
  }
}
