package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;

/** A rule on the whole operation rather than on one call: gas, rate, usage, value, time. */
public sealed interface OperationRule
    permits GasBudget, RateLimit, PolicyRule {

  /**
   * Checks {@code op}, whose calls are {@code calls}, and records what it consumes.
   *
   * @return null when the operation passes, else what it violates
   */
  String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation);
}
