package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * ZeroDev GasPolicy: each operation may cost at most what is left of {@code allowed} wei, its
 * cost being {@code (preVerificationGas + verificationGasLimit + callGasLimit) * maxFeePerGas};
 * with {@code requiredPaymaster} set, the operation must use that paymaster.
 */
public record GasBudget(BigInteger allowed, Address requiredPaymaster) implements OperationRule {
  public GasBudget {
    Objects.requireNonNull(allowed, "allowed");
  }

  @Override
  public String check(PackedUserOperation op, List<Call> calls, Evaluation evaluation) {
    if (requiredPaymaster != null && !requiredPaymaster.equals(op.paymaster())) {
      return "gas policy requires paymaster " + requiredPaymaster;
    }
    BigInteger cost =
        op.preVerificationGas()
            .add(op.verificationGasLimit())
            .add(op.callGasLimit())
            .multiply(op.maxFeePerGas());
    BigInteger after = evaluation.consumed(this).add(cost);
    if (after.compareTo(allowed) > 0) {
      return "gas policy allows " + allowed.subtract(evaluation.consumed(this))
          + " wei, the operation may cost " + cost;
    }
    evaluation.setConsumed(this, after);
    return null;
  }
}
