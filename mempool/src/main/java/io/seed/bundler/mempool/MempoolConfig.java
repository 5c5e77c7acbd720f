package io.seed.bundler.mempool;

/**
 * The pool's limits and rules.
 *
 * @param maxOperations how many operations the pool holds at most
 * @param maxBytes how many bytes of operations (ABI-encoded, as they go into a bundle) it holds
 *     at most
 * @param maxOperationsPerUnstakedSender pending operations per unstaked sender (ERC-7562
 *     SAME_SENDER_MEMPOOL_COUNT, 4); a replacement does not count as a new one
 * @param replacementFeeBumpPercent how much more a replacement must offer on both
 *     maxPriorityFeePerGas and maxFeePerGas, in percent
 * @param maxEvictionsPerAdmission how many operations one newcomer may evict when the pool is
 *     full
 * @param recoveryParallelism how many stored operations are re-checked at once when the pool opens
 */
public record MempoolConfig(
    int maxOperations,
    long maxBytes,
    int maxOperationsPerUnstakedSender,
    int replacementFeeBumpPercent,
    int maxEvictionsPerAdmission,
    int recoveryParallelism) {

  public MempoolConfig {
    requirePositive(maxOperations, "maxOperations");
    requirePositive(maxBytes, "maxBytes");
    requirePositive(maxOperationsPerUnstakedSender, "maxOperationsPerUnstakedSender");
    if (replacementFeeBumpPercent < 0) {
      throw new IllegalArgumentException("replacementFeeBumpPercent must not be negative");
    }
    requirePositive(maxEvictionsPerAdmission, "maxEvictionsPerAdmission");
    requirePositive(recoveryParallelism, "recoveryParallelism");
  }

  /**
   * 8192 operations, 64 MiB, 4 per unstaked sender, +10% to replace, at most 4 evictions per
   * admission, 16 re-checks at once on start.
   */
  public static MempoolConfig defaults() {
    return new MempoolConfig(8192, 64L << 20, 4, 10, 4, 16);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
