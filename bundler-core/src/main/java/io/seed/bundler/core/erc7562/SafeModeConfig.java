package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.abi.StakeInfo;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Minimum stake for an entity to count as staked (ERC-7562 MIN_STAKE_VALUE / MIN_UNSTAKE_DELAY),
 * and how many validation traces may run on the node at once.
 *
 * @param minStake the least stake in wei
 * @param minUnstakeDelay the least unstake delay
 * @param maxConcurrentTraces traces in flight at the node; more wait in the bundler. A JavaScript
 *     tracer is costly (anvil runs them one at a time, at 100–400 ms for a deploying validation),
 *     so a burst sent to the node at once would outlast the node client's timeout and fail
 *     operations that only had to wait.
 */
public record SafeModeConfig(
    BigInteger minStake, Duration minUnstakeDelay, int maxConcurrentTraces) {
  /** Traces in flight by default: enough to keep a node that traces in parallel busy. */
  public static final int DEFAULT_MAX_CONCURRENT_TRACES = 4;

  public SafeModeConfig {
    Objects.requireNonNull(minStake, "minStake");
    Objects.requireNonNull(minUnstakeDelay, "minUnstakeDelay");
    if (minStake.signum() < 0) {
      throw new IllegalArgumentException("minStake must not be negative");
    }
    if (minUnstakeDelay.isNegative()) {
      throw new IllegalArgumentException("minUnstakeDelay must not be negative");
    }
    if (maxConcurrentTraces <= 0) {
      throw new IllegalArgumentException("maxConcurrentTraces must be positive");
    }
  }

  /** The stake minimums, with {@link #DEFAULT_MAX_CONCURRENT_TRACES}. */
  public SafeModeConfig(BigInteger minStake, Duration minUnstakeDelay) {
    this(minStake, minUnstakeDelay, DEFAULT_MAX_CONCURRENT_TRACES);
  }

  /** Whether {@code stake} meets both minimums [SREP-010]. */
  public boolean isStaked(StakeInfo stake) {
    return stake.stake().compareTo(minStake) >= 0
        && stake.stake().signum() > 0
        && stake.unstakeDelaySec().compareTo(BigInteger.valueOf(minUnstakeDelay.toSeconds())) >= 0;
  }
}
