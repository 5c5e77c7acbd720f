package io.seed.bundler.core.chain;

import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ERC-7769 receipt of an included UserOperation ({@code eth_getUserOperationReceipt}).
 *
 * @param paymaster the paymaster, or {@link Address#ZERO} when the account paid
 * @param reason the revert data of the account's call when it reverted and the EntryPoint
 *     reported it, {@code null} otherwise
 * @param logs the logs this operation's execution emitted, without those of the bundle's other
 *     operations
 * @param receipt the receipt of the bundle transaction
 */
public record UserOperationReceipt(
    Bytes32 userOpHash,
    EntryPoint entryPoint,
    Address sender,
    BigInteger nonce,
    Address paymaster,
    BigInteger actualGasCost,
    BigInteger actualGasUsed,
    boolean success,
    Bytes reason,
    List<Log> logs,
    TransactionReceipt receipt) {
  public UserOperationReceipt {
    Objects.requireNonNull(userOpHash, "userOpHash");
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(paymaster, "paymaster");
    Objects.requireNonNull(actualGasCost, "actualGasCost");
    Objects.requireNonNull(actualGasUsed, "actualGasUsed");
    logs = List.copyOf(logs);
    Objects.requireNonNull(receipt, "receipt");
  }

  /** The revert data of the account's call, when it reverted and the EntryPoint reported it. */
  public Optional<Bytes> revertReason() {
    return Optional.ofNullable(reason);
  }
}
