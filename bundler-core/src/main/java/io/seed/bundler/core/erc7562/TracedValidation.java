package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.entrypoint.Simulation;
import java.util.Objects;

/**
 * One traced {@code simulateValidation}: its decoded outcome, as {@code eth_call} would have
 * given it, and the trace the rules judge.
 */
public record TracedValidation(Simulation<ValidationResult> outcome, ValidationTrace trace) {
  public TracedValidation {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(trace, "trace");
  }
}
