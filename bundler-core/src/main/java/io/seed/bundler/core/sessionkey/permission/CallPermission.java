package io.seed.bundler.core.sessionkey.permission;

import java.util.List;

/** The rules a call matching one key must all pass. */
public record CallPermission(List<CallRule> rules) {
  /** A permission with no rule: any call under the key passes. */
  public static final CallPermission UNCONDITIONAL = new CallPermission(List.of());

  public CallPermission {
    rules = List.copyOf(rules);
  }

  /** The first violation of {@code call}, or null when every rule passes. */
  public String check(Call call, Evaluation evaluation) {
    for (CallRule rule : rules) {
      String violation = rule.check(call, evaluation);
      if (violation != null) {
        return violation;
      }
    }
    return null;
  }
}
