package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of bundle building and submission.
 *
 * @param beneficiary who receives the bundles' gas refunds (usually the signer)
 * @param maxBundleGas bound on the sum of the operations' gas limits in one bundle
 * @param maxBundleOperations bound on the operations in one bundle
 * @param bundleGasOverhead gas added to the operations' limits for the transaction itself
 * @param pollInterval how often the loop looks at the pool, and the tracker at the chain
 * @param priorityFeePerGas the tip the bundle transaction offers (the floor, when {@code
 *     priorityFeeFromNode})
 * @param priorityFeeFromNode whether to offer the node's {@code eth_maxPriorityFeePerGas} when it
 *     is above {@code priorityFeePerGas}
 * @param replacementBlocks blocks a bundle transaction may stay unmined before it is replaced
 * @param feeBumpPercent how much a replacement raises both fees; nodes demand at least 10
 * @param expiryMarginSeconds an operation whose validity ends within this many seconds of the
 *     head's timestamp is not bundled
 * @param bundleTimeout how long to follow one bundle transaction before giving up on it
 * @param mode the bundling mode at start
 */
public record BuilderConfig(
    Address beneficiary,
    long maxBundleGas,
    int maxBundleOperations,
    long bundleGasOverhead,
    Duration pollInterval,
    BigInteger priorityFeePerGas,
    boolean priorityFeeFromNode,
    int replacementBlocks,
    int feeBumpPercent,
    long expiryMarginSeconds,
    Duration bundleTimeout,
    BundlingMode mode) {
  public BuilderConfig {
    Objects.requireNonNull(beneficiary, "beneficiary");
    requirePositive(maxBundleGas, "maxBundleGas");
    requirePositive(maxBundleOperations, "maxBundleOperations");
    if (bundleGasOverhead < 0 || expiryMarginSeconds < 0) {
      throw new IllegalArgumentException("bundleGasOverhead and expiryMarginSeconds must not be negative");
    }
    requirePositive(pollInterval, "pollInterval");
    Objects.requireNonNull(priorityFeePerGas, "priorityFeePerGas");
    if (priorityFeePerGas.signum() < 0) {
      throw new IllegalArgumentException("priorityFeePerGas must not be negative");
    }
    requirePositive(replacementBlocks, "replacementBlocks");
    if (feeBumpPercent < 10) {
      throw new IllegalArgumentException("feeBumpPercent must be at least 10, the nodes' minimum");
    }
    requirePositive(bundleTimeout, "bundleTimeout");
    Objects.requireNonNull(mode, "mode");
  }

  /**
   * Defaults for {@code beneficiary}: 15M gas and 64 operations per bundle, 1 s polls, a fixed
   * 1 gwei tip, replacement after 3 blocks with +15% fees, a 30 s expiry margin, 5 min timeout,
   * auto mode.
   */
  public static BuilderConfig defaults(Address beneficiary) {
    return new BuilderConfig(
        beneficiary, 15_000_000L, 64, 50_000L, Duration.ofSeconds(1),
        BigInteger.valueOf(1_000_000_000L), false, 3, 15, 30, Duration.ofMinutes(5),
        BundlingMode.AUTO);
  }

  private static void requirePositive(long value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive");
    }
  }

  private static void requirePositive(Duration value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive");
    }
  }
}
