package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/** A UserOperation in the EntryPoint v0.6 layout, where init code and paymaster data are opaque. */
public record UserOperation(
    Address sender,
    BigInteger nonce,
    Bytes initCode,
    Bytes callData,
    BigInteger callGasLimit,
    BigInteger verificationGasLimit,
    BigInteger preVerificationGas,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    Bytes paymasterAndData,
    Bytes signature) {

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public UserOperation {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(initCode, "initCode");
    Objects.requireNonNull(callData, "callData");
    Objects.requireNonNull(paymasterAndData, "paymasterAndData");
    Objects.requireNonNull(signature, "signature");
    for (BigInteger value :
        new BigInteger[] {
          nonce, callGasLimit, verificationGasLimit, preVerificationGas, maxFeePerGas,
          maxPriorityFeePerGas
        }) {
      Objects.requireNonNull(value, "numeric field");
      if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
        throw new IllegalArgumentException("numeric field out of uint256 range");
      }
    }
  }
}
