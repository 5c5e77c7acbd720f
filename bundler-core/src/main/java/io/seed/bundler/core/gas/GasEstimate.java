package io.seed.bundler.core.gas;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The gas fields {@code eth_estimateUserOperationGas} answers with.
 *
 * @param preVerificationGas pays the bundle's unmetered cost (calldata, intrinsic gas, overhead)
 * @param verificationGasLimit limit of account creation and account validation
 * @param callGasLimit limit of the account's execution of callData
 * @param paymasterVerificationGasLimit limit of the paymaster's validation (0 without one)
 * @param paymasterPostOpGasLimit limit of the paymaster's postOp (0 without one)
 */
public record GasEstimate(
    BigInteger preVerificationGas,
    BigInteger verificationGasLimit,
    BigInteger callGasLimit,
    BigInteger paymasterVerificationGasLimit,
    BigInteger paymasterPostOpGasLimit) {
  public GasEstimate {
    Objects.requireNonNull(preVerificationGas, "preVerificationGas");
    Objects.requireNonNull(verificationGasLimit, "verificationGasLimit");
    Objects.requireNonNull(callGasLimit, "callGasLimit");
    Objects.requireNonNull(paymasterVerificationGasLimit, "paymasterVerificationGasLimit");
    Objects.requireNonNull(paymasterPostOpGasLimit, "paymasterPostOpGasLimit");
  }
}
