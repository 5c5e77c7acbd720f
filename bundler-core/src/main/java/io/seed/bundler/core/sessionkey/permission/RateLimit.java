package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;

/**
 * ZeroDev RateLimitPolicy: {@code count} uses left; each use is valid from the current {@code
 * startAt} on and moves it {@code interval} seconds later, so the k-th pending use opens at
 * {@code startAt + (k - 1) * interval}.
 */
public record RateLimit(long interval, long count, long startAt) implements OperationRule {
  public RateLimit {
    if (interval < 0 || count < 0 || startAt < 0) {
      throw new IllegalArgumentException("rate limit fields must not be negative");
    }
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    long used = evaluation.consumed(this).longValueExact();
    if (used >= count) {
      return "rate limit of " + count + " uses is exhausted";
    }
    evaluation.narrowWindow(startAt + used * interval, 0);
    evaluation.setConsumed(this, BigInteger.valueOf(used + 1));
    return null;
  }
}
