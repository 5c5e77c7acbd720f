package io.seed.bundler.core.gas;

import io.seed.bundler.core.abi.ValidationResult;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.Rejections;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.function.LongFunction;

/**
 * The verification and paymaster verification gas limits: the smallest with which {@code
 * simulateValidation} passes, plus a buffer. A failed signature counts as passing, since
 * estimation runs with the client's dummy signature.
 */
final class VerificationGasEstimator {
  private static final int WARM_UP_MARGIN_DIVISOR = 63;

  private final EntryPointClient entryPoint;
  private final StateOverrideSet overrides;
  private final GasEstimatorConfig config;

  VerificationGasEstimator(
      EntryPointClient entryPoint, StateOverrideSet overrides, GasEstimatorConfig config) {
    this.entryPoint = entryPoint;
    this.overrides = overrides;
    this.config = config;
  }

  /** The account's limit for {@code op}, whose paymaster limit is left at the ceiling. */
  BigInteger accountLimit(PackedUserOperation op) throws UserOperationRejectedException {
    BigInteger ceiling = BigInteger.valueOf(config.maxVerificationGas());
    return search(
        gas ->
            op.withGas(
                op.preVerificationGas(),
                BigInteger.valueOf(gas),
                op.callGasLimit(),
                op.paymaster() == null ? BigInteger.ZERO : ceiling,
                op.paymasterPostOpGasLimit()),
        op.preVerificationGas());
  }

  /** The paymaster's limit for {@code op}, whose account limit is already estimated. */
  BigInteger paymasterLimit(PackedUserOperation op) throws UserOperationRejectedException {
    return search(
        gas ->
            op.withGas(
                op.preVerificationGas(),
                op.verificationGasLimit(),
                op.callGasLimit(),
                BigInteger.valueOf(gas),
                op.paymasterPostOpGasLimit()),
        op.preVerificationGas().add(op.verificationGasLimit()));
  }

  private BigInteger search(LongFunction<PackedUserOperation> withLimit, BigInteger notValidation)
      throws UserOperationRejectedException {
    long ceiling = config.maxVerificationGas();
    ValidationResult atCeiling = simulate(withLimit.apply(ceiling));
    // preOpGas counts everything validation used; the limit needs at least the part it governs,
    // and a sixty-third more where the EntryPoint passes gas on to a call.
    long used = atCeiling.returnInfo().preOpGas().subtract(notValidation).max(BigInteger.ZERO).longValueExact();
    long guess = used + used / WARM_UP_MARGIN_DIVISOR + config.searchTolerance();
    long smallest =
        GasSearch.smallestPassing(
            0,
            ceiling,
            guess,
            config.searchTolerance(),
            gas -> passes(withLimit.apply(gas)));
    return BigInteger.valueOf(smallest + smallest * config.verificationGasBufferPercent() / 100);
  }

  private ValidationResult simulate(PackedUserOperation op) throws UserOperationRejectedException {
    return switch (NodeFutures.await(entryPoint.simulateValidation(op, overrides))) {
      case Simulation.Passed<ValidationResult>(ValidationResult result) -> result;
      case Simulation.Reverted<ValidationResult>(var revert) -> throw Rejections.fromRevert(revert);
    };
  }

  private boolean passes(PackedUserOperation op) {
    return NodeFutures.await(entryPoint.simulateValidation(op, overrides))
        instanceof Simulation.Passed<ValidationResult>;
  }
}
