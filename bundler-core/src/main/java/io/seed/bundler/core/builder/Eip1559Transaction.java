package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An unsigned EIP-1559 (type 2) call without an access list, on the signer's chain.
 *
 * @param nonce the sender's account nonce
 * @param gasLimit gas the transaction may use
 * @param to the called contract
 * @param value wei sent with the call
 * @param data the calldata
 * @param maxPriorityFeePerGas tip per gas for the block producer
 * @param maxFeePerGas cap on base fee plus tip per gas
 */
public record Eip1559Transaction(
    BigInteger nonce,
    BigInteger gasLimit,
    Address to,
    BigInteger value,
    Bytes data,
    BigInteger maxPriorityFeePerGas,
    BigInteger maxFeePerGas) {
  public Eip1559Transaction {
    requireNonNegative(nonce, "nonce");
    requireNonNegative(gasLimit, "gasLimit");
    Objects.requireNonNull(to, "to");
    requireNonNegative(value, "value");
    Objects.requireNonNull(data, "data");
    requireNonNegative(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    requireNonNegative(maxFeePerGas, "maxFeePerGas");
    if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException("maxPriorityFeePerGas above maxFeePerGas");
    }
  }

  /** The same transaction with other fees (a replacement). */
  public Eip1559Transaction withFees(BigInteger newMaxPriorityFeePerGas, BigInteger newMaxFeePerGas) {
    return new Eip1559Transaction(
        nonce, gasLimit, to, value, data, newMaxPriorityFeePerGas, newMaxFeePerGas);
  }

  private static void requireNonNegative(BigInteger value, String field) {
    Objects.requireNonNull(value, field);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(field + " is negative");
    }
  }
}
