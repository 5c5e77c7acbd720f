package io.seed.bundler.core.entrypoint;

import io.seed.bundler.core.abi.EntryPointRevert;
import java.util.Objects;

/**
 * The outcome of one simulation call: the decoded result, or the decoded revert. Failures of the
 * node itself are not outcomes; they fail the future that would have carried one.
 *
 * @param <T> the result type of the simulated function
 */
public sealed interface Simulation<T> {

  /** The call returned normally. */
  record Passed<T>(T result) implements Simulation<T> {
    public Passed {
      Objects.requireNonNull(result, "result");
    }
  }

  /** The call reverted. */
  record Reverted<T>(EntryPointRevert revert) implements Simulation<T> {
    public Reverted {
      Objects.requireNonNull(revert, "revert");
    }
  }
}
