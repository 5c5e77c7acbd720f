package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * At most {@code limit} uses, {@code used} of them already spent on chain: each matching call (as
 * an action policy) or each operation (as an operation policy) takes one.
 */
public record UsageBudget(BigInteger limit, BigInteger used) implements PolicyRule {
  public UsageBudget {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(used, "used");
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    return take(evaluation);
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    return take(evaluation);
  }

  private String take(Evaluation evaluation) {
    BigInteger after = evaluation.consumed(this).add(BigInteger.ONE);
    if (used.add(after).compareTo(limit) > 0) {
      return "usage limit of " + limit + " is exhausted";
    }
    evaluation.setConsumed(this, after);
    return null;
  }
}
