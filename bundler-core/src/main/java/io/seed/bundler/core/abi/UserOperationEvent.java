package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The EntryPoint's {@code UserOperationEvent(bytes32 indexed userOpHash, address indexed sender,
 * address indexed paymaster, uint256 nonce, bool success, uint256 actualGasCost, uint256
 * actualGasUsed)}, emitted once per executed operation.
 *
 * @param paymaster the paymaster, or {@link Address#ZERO} when the account paid
 */
public record UserOperationEvent(
    Bytes32 userOpHash,
    Address sender,
    Address paymaster,
    BigInteger nonce,
    boolean success,
    BigInteger actualGasCost,
    BigInteger actualGasUsed) {
  public UserOperationEvent {
    Objects.requireNonNull(userOpHash, "userOpHash");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(paymaster, "paymaster");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(actualGasCost, "actualGasCost");
    Objects.requireNonNull(actualGasUsed, "actualGasUsed");
  }
}
