package io.seed.bundler.core.sessionkey.permission;

import java.math.BigInteger;
import java.util.Objects;

/** The native value of one call must not exceed {@code limit}. */
public record ValueLimit(BigInteger limit) implements CallRule {
  public ValueLimit {
    Objects.requireNonNull(limit, "limit");
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    return call.value().compareTo(limit) > 0 ? "value must be <= " + limit : null;
  }
}
