package io.seed.bundler.core.validation;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The chain state the precheck judges an operation against, read in one batched node round trip
 * by {@link ChainSnapshotReader}.
 *
 * @param baseFeePerGas the latest block's base fee (zero on a chain without EIP-1559)
 * @param blockGasLimit the latest block's gas limit
 * @param blockTimestamp the latest block's timestamp in seconds
 * @param senderDeployed whether the sender has code
 * @param senderDelegate the address an EIP-7702 sender delegates to ({@code 0xef0100 ‖ address}
 *     code), {@code null} when its code is not a delegation
 * @param factoryDeployed whether the factory has code (false when the operation has none)
 * @param paymasterDeployed whether the paymaster has code (false when the operation has none)
 */
public record ChainSnapshot(
    BigInteger baseFeePerGas,
    long blockGasLimit,
    long blockTimestamp,
    boolean senderDeployed,
    Address senderDelegate,
    boolean factoryDeployed,
    boolean paymasterDeployed) {
  public ChainSnapshot {
    Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
  }
}
