package io.seed.bundler.core.gas;

import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.ExecutionResult;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.Simulation;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.Rejections;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;

/**
 * The callGasLimit, measured by two {@code simulateHandleOp} runs sent together, both at a gas
 * price of 1 wei so that {@code paid} counts gas:
 *
 * <ul>
 *   <li>with callGasLimit 0 the account's call fails at once; then the EntryPoint calls the account
 *       with the operation's call as the simulation's target, which shows whether execution
 *       reverts and why, in the state validation left (account deployed, nonce used);
 *   <li>with callGasLimit at the ceiling the call runs in full.
 * </ul>
 *
 * The difference of the gas charged, with the unused-gas penalty undone, is what the call used; the
 * limit adds a sixty-third for the gas a call keeps back from the calls it makes, and a buffer.
 */
final class CallGasEstimator {
  private static final BigInteger ONE_WEI = BigInteger.ONE;
  private static final long RETAINED_GAS_DIVISOR = 63;

  private final EntryPointClient entryPoint;
  private final StateOverrideSet overrides;
  private final GasEstimatorConfig config;
  private final UnusedGasPenalty penalty;

  CallGasEstimator(EntryPointClient entryPoint, StateOverrideSet overrides, GasEstimatorConfig config) {
    this.entryPoint = entryPoint;
    this.overrides = overrides;
    this.config = config;
    this.penalty = UnusedGasPenalty.of(entryPoint.entryPoint().version());
  }

  /**
   * The callGasLimit of {@code op} (whose verification limits are final).
   *
   * @param accountCall the call the EntryPoint makes on the account: the callData, or {@code
   *     executeUserOp(op, userOpHash)} for accounts that take the whole operation
   */
  BigInteger limit(PackedUserOperation op, Bytes accountCall) throws UserOperationRejectedException {
    long postOp = op.paymasterPostOpGasLimit().longValueExact();
    long ceiling = config.maxCallGas();
    // The extra preVerificationGas keeps the prefund above what either run is charged (it cancels
    // out of paid - preOpGas); otherwise the EntryPoint would charge the prefund instead.
    PackedUserOperation priced =
        op.withFees(ONE_WEI, ONE_WEI)
            .withGas(
                op.preVerificationGas().add(BigInteger.valueOf(ceiling)),
                op.verificationGasLimit(),
                op.callGasLimit(),
                op.paymasterVerificationGasLimit(),
                op.paymasterPostOpGasLimit());
    Address target = op.callData().isEmpty() ? Address.ZERO : op.sender();
    CompletableFuture<Simulation<ExecutionResult>> withoutCall =
        entryPoint.simulateHandleOp(withCallGas(priced, 0), target, accountCall, overrides);
    CompletableFuture<Simulation<ExecutionResult>> withCall =
        entryPoint.simulateHandleOp(withCallGas(priced, ceiling), Address.ZERO, Bytes.EMPTY, overrides);

    ExecutionResult probe = result(withoutCall);
    if (!target.isZero() && !probe.targetSuccess()) {
      throw Rejections.executionReverted(EntryPointRevert.decode(probe.targetResult()));
    }
    long base = penalty.used(charged(probe), 0, postOp);
    long full = penalty.used(charged(result(withCall)), ceiling, postOp);
    long used = Math.max(0, full - base);
    if (used + config.callGasBuffer() >= ceiling) {
      throw new UserOperationRejectedException(
          RejectionReason.EXECUTION_REVERTED,
          "execution needs more than the largest callGasLimit measured (" + ceiling + ")");
    }
    return BigInteger.valueOf(used + used / RETAINED_GAS_DIVISOR + 1 + config.callGasBuffer());
  }

  private static PackedUserOperation withCallGas(PackedUserOperation op, long callGasLimit) {
    return op.withGas(
        op.preVerificationGas(),
        op.verificationGasLimit(),
        BigInteger.valueOf(callGasLimit),
        op.paymasterVerificationGasLimit(),
        op.paymasterPostOpGasLimit());
  }

  private static long charged(ExecutionResult result) {
    // at 1 wei per gas, paid is gas: preOpGas plus execution and its penalty
    return result.paid().subtract(result.preOpGas()).longValueExact();
  }

  private static ExecutionResult result(CompletableFuture<Simulation<ExecutionResult>> future)
      throws UserOperationRejectedException {
    return switch (NodeFutures.await(future)) {
      case Simulation.Passed<ExecutionResult>(ExecutionResult result) -> result;
      case Simulation.Reverted<ExecutionResult>(var revert) -> throw Rejections.fromRevert(revert);
    };
  }
}
