package io.seed.bundler.core.sessionkey.permission;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A cumulative limit on an argument (Smart Sessions' UniAction {@code isLimited}): the sum of the
 * word at {@code offset} over all uses must stay within {@code limit}, {@code used} already spent.
 */
public record LimitedArgument(long offset, BigInteger limit, BigInteger used) implements CallRule {
  public LimitedArgument {
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(used, "used");
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    int at = CallDataWords.argumentWord(call.data(), offset);
    String name = CallDataWords.describe(offset);
    if (at < 0) {
      return name + " is missing from the call data";
    }
    BigInteger after = evaluation.consumed(this).add(CallDataWords.uint(call.data(), at));
    if (used.add(after).compareTo(limit) > 0) {
      return name + " summed over uses must be <= " + CallDataWords.render(limit);
    }
    evaluation.setConsumed(this, after);
    return null;
  }
}
