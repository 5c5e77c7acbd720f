package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.abi.StakeInfo;
import java.math.BigInteger;
import java.util.Objects;

/**
 * ERC-7562's reputation and stake parameters.
 *
 * @param minStake MIN_STAKE_VALUE: the least stake, in wei, that makes an entity staked
 * @param minUnstakeDelaySeconds MIN_UNSTAKE_DELAY: the least unstake delay that makes an entity
 *     staked
 * @param minInclusionRateDenominator MIN_INCLUSION_RATE_DENOMINATOR (10 for a bundler):
 *     {@code opsSeen / denominator} is how many inclusions are expected
 * @param throttlingSlack THROTTLING_SLACK: expected inclusions an entity may miss before it is
 *     throttled
 * @param banSlack BAN_SLACK: expected inclusions an entity may miss before it is banned
 * @param throttledEntityMempoolCount THROTTLED_ENTITY_MEMPOOL_COUNT: operations of a throttled
 *     entity the mempool holds at most
 * @param throttledEntityBundleCount THROTTLED_ENTITY_BUNDLE_COUNT: operations of a throttled
 *     entity one bundle carries at most
 * @param sameUnstakedEntityMempoolCount SAME_UNSTAKED_ENTITY_MEMPOOL_COUNT: operations of an
 *     unstaked paymaster the mempool holds, before its inclusion record adds more
 * @param maxOpsAllowedUnstakedEntity MAX_OPS_ALLOWED_UNSTAKED_ENTITY: the cap on the inclusions
 *     that raise an unstaked entity's allowance
 */
public record ReputationConfig(
    BigInteger minStake,
    long minUnstakeDelaySeconds,
    long minInclusionRateDenominator,
    long throttlingSlack,
    long banSlack,
    int throttledEntityMempoolCount,
    int throttledEntityBundleCount,
    int sameUnstakedEntityMempoolCount,
    long maxOpsAllowedUnstakedEntity) {

  /** One ether in wei. */
  private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

  public ReputationConfig {
    Objects.requireNonNull(minStake, "minStake");
    if (minStake.signum() < 0 || minUnstakeDelaySeconds < 0) {
      throw new IllegalArgumentException("minStake and minUnstakeDelaySeconds must not be negative");
    }
    requirePositive(minInclusionRateDenominator, "minInclusionRateDenominator");
    if (throttlingSlack < 0 || banSlack < throttlingSlack) {
      throw new IllegalArgumentException(
          "throttlingSlack must not be negative and banSlack not below it, got " + throttlingSlack
              + " and " + banSlack);
    }
    requirePositive(throttledEntityMempoolCount, "throttledEntityMempoolCount");
    requirePositive(throttledEntityBundleCount, "throttledEntityBundleCount");
    requirePositive(sameUnstakedEntityMempoolCount, "sameUnstakedEntityMempoolCount");
    if (maxOpsAllowedUnstakedEntity < 0) {
      throw new IllegalArgumentException("maxOpsAllowedUnstakedEntity must not be negative");
    }
  }

  /**
   * ERC-7562's values for a bundler on mainnet: a stake of 1 ether (the spec asks for about $1000
   * in the native token, set per chain) locked for a day; inclusion rate denominator 10, slacks 10
   * and 50, 4 operations of a throttled entity in the mempool and in a bundle, 10 of an unstaked
   * paymaster, raised by at most 10000 inclusions.
   */
  public static ReputationConfig defaults() {
    return new ReputationConfig(ONE_ETHER, 86_400, 10, 10, 50, 4, 4, 10, 10_000);
  }

  /** These parameters with another stake requirement (test chains stake briefly). */
  public ReputationConfig withStakeRequirement(BigInteger stake, long unstakeDelaySeconds) {
    return new ReputationConfig(
        stake, unstakeDelaySeconds, minInclusionRateDenominator, throttlingSlack, banSlack,
        throttledEntityMempoolCount, throttledEntityBundleCount, sameUnstakedEntityMempoolCount,
        maxOpsAllowedUnstakedEntity);
  }

  /**
   * Whether {@code stake} makes an entity staked: at least {@link #minStake} locked with at least
   * {@link #minUnstakeDelaySeconds} of unstake delay [SREP-010].
   */
  public boolean isStaked(StakeInfo stake) {
    return stake.stake().compareTo(minStake) >= 0
        && stake.unstakeDelaySec().compareTo(BigInteger.valueOf(minUnstakeDelaySeconds)) >= 0;
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
