package io.seed.bundler.core.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ChainWatcher}.
 *
 * @param pollInterval how often the node's head is read
 * @param reorgDepth how many recent blocks are remembered to find where a reorg forked; a deeper
 *     reorg leaves the index with the forked blocks' records until they are evicted
 * @param maxBlocksPerPoll how many blocks one poll processes when catching up
 */
public record ChainWatcherConfig(Duration pollInterval, int reorgDepth, int maxBlocksPerPoll) {
  public ChainWatcherConfig {
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive");
    }
    if (reorgDepth <= 0 || maxBlocksPerPoll <= 0) {
      throw new IllegalArgumentException("reorgDepth and maxBlocksPerPoll must be positive");
    }
  }

  /** One-second polls, 64 blocks of reorg memory, 100 blocks per catch-up step. */
  public static ChainWatcherConfig defaults() {
    return new ChainWatcherConfig(Duration.ofSeconds(1), 64, 100);
  }
}
