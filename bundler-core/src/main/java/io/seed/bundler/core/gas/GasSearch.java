package io.seed.bundler.core.gas;

import io.seed.bundler.core.validation.UserOperationRejectedException;

/** Binary search for the smallest gas limit a simulation passes with. */
final class GasSearch {
  /** Whether a simulation passes with {@code gas}. */
  @FunctionalInterface
  interface Probe {
    boolean passes(long gas) throws UserOperationRejectedException;
  }

  private GasSearch() {}

  /**
   * The smallest passing limit above {@code failing}, to within {@code tolerance}, given that
   * {@code passing} passes. {@code guess} (ignored when outside the range) is tried first: a good
   * one halves the number of probes.
   */
  static long smallestPassing(long failing, long passing, long guess, long tolerance, Probe probe)
      throws UserOperationRejectedException {
    long low = failing;
    long high = passing;
    if (guess > low && guess < high) {
      if (probe.passes(guess)) {
        high = guess;
      } else {
        low = guess;
      }
    }
    while (high - low > tolerance) {
      long middle = low + (high - low) / 2;
      if (probe.passes(middle)) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }
}
