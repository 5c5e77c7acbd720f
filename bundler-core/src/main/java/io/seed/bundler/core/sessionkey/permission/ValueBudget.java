package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A cumulative native-value budget of {@code limit}, {@code used} already spent on chain. As an
 * operation policy it adds up the values of all calls; a delegatecall makes it revert.
 */
public record ValueBudget(BigInteger limit, BigInteger used) implements PolicyRule {
  public ValueBudget {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(used, "used");
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    return take(call.value(), evaluation);
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    BigInteger total = BigInteger.ZERO;
    for (Call call : calls) {
      if (call.type() == CallType.DELEGATECALL) {
        return "value limit does not allow delegatecall";
      }
      total = total.add(call.value());
    }
    return take(total, evaluation);
  }

  private String take(BigInteger amount, Evaluation evaluation) {
    BigInteger after = evaluation.consumed(this).add(amount);
    if (used.add(after).compareTo(limit) > 0) {
      return "cumulative value must be <= " + limit + " (spent " + used.add(after.subtract(amount))
          + ")";
    }
    evaluation.setConsumed(this, after);
    return null;
  }
}
