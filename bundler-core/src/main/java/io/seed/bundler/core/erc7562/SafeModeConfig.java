package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.abi.StakeInfo;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Minimum stake for an entity to count as staked (ERC-7562 MIN_STAKE_VALUE / MIN_UNSTAKE_DELAY).
 *
 * @param minStake the least stake in wei
 * @param minUnstakeDelay the least unstake delay
 */
public record SafeModeConfig(BigInteger minStake, Duration minUnstakeDelay) {
  public SafeModeConfig {
    Objects.requireNonNull(minStake, "minStake");
    Objects.requireNonNull(minUnstakeDelay, "minUnstakeDelay");
    if (minStake.signum() < 0) {
      throw new IllegalArgumentException("minStake must not be negative");
    }
    if (minUnstakeDelay.isNegative()) {
      throw new IllegalArgumentException("minUnstakeDelay must not be negative");
    }
  }

  /** Whether {@code stake} meets both minimums [SREP-010]. */
  public boolean isStaked(StakeInfo stake) {
    return stake.stake().compareTo(minStake) >= 0
        && stake.stake().signum() > 0
        && stake.unstakeDelaySec().compareTo(BigInteger.valueOf(minUnstakeDelay.toSeconds())) >= 0;
  }
}
