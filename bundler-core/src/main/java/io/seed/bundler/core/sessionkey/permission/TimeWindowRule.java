package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;

/**
 * A policy that answers with a validity window (ZeroDev TimestampPolicy, Smart Sessions'
 * TimeFramePolicy): it never fails by itself, it narrows the operation's window, which the
 * EntryPoint then checks. {@code validUntil == 0} means no end.
 */
public record TimeWindowRule(long validAfter, long validUntil) implements PolicyRule {
  public TimeWindowRule {
    if (validAfter < 0 || validUntil < 0) {
      throw new IllegalArgumentException("window bounds must not be negative");
    }
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    evaluation.narrowWindow(validAfter, validUntil);
    return null;
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    evaluation.narrowWindow(validAfter, validUntil);
    return null;
  }
}
