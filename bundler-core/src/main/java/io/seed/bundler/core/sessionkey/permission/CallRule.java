package io.seed.bundler.core.sessionkey.permission;

/** One condition a call must meet; all rules of a {@link CallPermission} must pass. */
public sealed interface CallRule
    permits ValueLimit, ArgumentRule, LimitedArgument, TokenSpendingBudget, PolicyRule {

  /**
   * Checks {@code call} and records what it consumes in {@code evaluation}.
   *
   * @return null when the call passes, else what it violates (without the call's position)
   */
  String check(Call call, Evaluation evaluation);
}
