package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What {@code EntryPointSimulations.simulateHandleOp} returns for EntryPoint v0.7 and v0.8.
 *
 * @param preOpGas gas used by validation plus preVerificationGas
 * @param paid what the operation paid in wei (gas used, unused-gas penalty included, times the
 *     operation's gas price)
 * @param accountValidationData the account's validation data
 * @param paymasterValidationData the paymaster's validation data
 * @param targetSuccess whether the call of the optional target succeeded
 * @param targetResult what the target call returned or its revert data
 */
public record ExecutionResult(
    BigInteger preOpGas,
    BigInteger paid,
    ValidationData accountValidationData,
    ValidationData paymasterValidationData,
    boolean targetSuccess,
    Bytes targetResult) {
  public ExecutionResult {
    Objects.requireNonNull(preOpGas, "preOpGas");
    Objects.requireNonNull(paid, "paid");
    Objects.requireNonNull(accountValidationData, "accountValidationData");
    Objects.requireNonNull(paymasterValidationData, "paymasterValidationData");
    Objects.requireNonNull(targetResult, "targetResult");
  }
}
