package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Objects;

/**
 * A policy contract this bundler does not model: it cannot be judged here, so an operation it
 * guards is never passed in memory (simulation decides), though other rules may still reject it.
 */
public record OpaqueRule(Address policy) implements PolicyRule {
  public OpaqueRule {
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    evaluation.undecided("policy " + policy + " is not modelled");
    return null;
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    evaluation.undecided("policy " + policy + " is not modelled");
    return null;
  }
}
