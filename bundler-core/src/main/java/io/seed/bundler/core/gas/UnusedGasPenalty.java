package io.seed.bundler.core.gas;

import io.seed.bundler.core.userop.EntryPointVersion;

/**
 * The EntryPoint's 10 % charge on unused execution gas, undone: from the gas an operation was
 * charged for execution, the gas its execution really used. v0.7 charges on {@code callGasLimit +
 * paymasterPostOpGasLimit} and counts the refund work as used; v0.8 charges on {@code callGasLimit}
 * alone, and only when more than 40,000 gas is left unused.
 */
enum UnusedGasPenalty {
  V0_7(0) {
    @Override
    long chargedLimit(long callGasLimit, long postOpGasLimit) {
      return callGasLimit + postOpGasLimit;
    }
  },
  V0_8(40_000) {
    @Override
    long chargedLimit(long callGasLimit, long postOpGasLimit) {
      return callGasLimit;
    }
  };

  private static final long PERCENT = 10;

  private final long threshold;

  UnusedGasPenalty(long threshold) {
    this.threshold = threshold;
  }

  static UnusedGasPenalty of(EntryPointVersion version) {
    return switch (version) {
      case V0_7 -> V0_7;
      case V0_8 -> V0_8;
      case V0_6 -> throw new IllegalArgumentException("EntryPoint v0.6 is not estimated here");
    };
  }

  abstract long chargedLimit(long callGasLimit, long postOpGasLimit);

  /**
   * The execution gas used, given {@code charged} = used + penalty. Rounds up, so the result is
   * never below the gas really used.
   */
  long used(long charged, long callGasLimit, long postOpGasLimit) {
    long limit = chargedLimit(callGasLimit, postOpGasLimit);
    // charged = used + floor((limit - used) * 10 / 100) when limit - used exceeds the threshold
    long withPenalty = Math.floorDiv(100 * charged - PERCENT * limit, 100 - PERCENT) + 1;
    return limit - withPenalty > threshold ? withPenalty : charged;
  }
}
