package io.seed.bundler.core.validation;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Limits the {@link Precheck} applies before any simulation.
 *
 * @param maxCallDataBytes longest callData accepted
 * @param maxSignatureBytes longest signature accepted
 * @param maxFactoryDataBytes longest factoryData accepted
 * @param maxPaymasterDataBytes longest paymasterData accepted
 * @param maxVerificationGasLimit largest verificationGasLimit accepted
 * @param maxCallGasLimit largest callGasLimit accepted
 * @param maxPaymasterVerificationGasLimit largest paymasterVerificationGasLimit accepted
 * @param maxPaymasterPostOpGasLimit largest paymasterPostOpGasLimit accepted
 * @param baseFeeAcceptPercent maxFeePerGas must reach this percentage of the latest base fee (100:
 *     the full base fee; above 100 keeps a margin for rising fees; below tolerates a falling one)
 * @param minPriorityFeePerGas smallest maxPriorityFeePerGas accepted
 */
public record PrecheckConfig(
    int maxCallDataBytes,
    int maxSignatureBytes,
    int maxFactoryDataBytes,
    int maxPaymasterDataBytes,
    BigInteger maxVerificationGasLimit,
    BigInteger maxCallGasLimit,
    BigInteger maxPaymasterVerificationGasLimit,
    BigInteger maxPaymasterPostOpGasLimit,
    int baseFeeAcceptPercent,
    BigInteger minPriorityFeePerGas) {

  /**
   * Defaults: 64 KiB of callData, 16 KiB each of signature, factoryData and paymasterData (session
   * key signatures with enable data are large); 5M verification and paymaster verification gas, 20M
   * call gas, 5M postOp gas; the full base fee; no minimum tip.
   */
  public static final PrecheckConfig DEFAULTS =
      new PrecheckConfig(
          65_536,
          16_384,
          16_384,
          16_384,
          BigInteger.valueOf(5_000_000),
          BigInteger.valueOf(20_000_000),
          BigInteger.valueOf(5_000_000),
          BigInteger.valueOf(5_000_000),
          100,
          BigInteger.ZERO);

  public PrecheckConfig {
    if (maxCallDataBytes < 0
        || maxSignatureBytes < 0
        || maxFactoryDataBytes < 0
        || maxPaymasterDataBytes < 0) {
      throw new IllegalArgumentException("size limits must not be negative");
    }
    requireNonNegative(maxVerificationGasLimit, "maxVerificationGasLimit");
    requireNonNegative(maxCallGasLimit, "maxCallGasLimit");
    requireNonNegative(maxPaymasterVerificationGasLimit, "maxPaymasterVerificationGasLimit");
    requireNonNegative(maxPaymasterPostOpGasLimit, "maxPaymasterPostOpGasLimit");
    requireNonNegative(minPriorityFeePerGas, "minPriorityFeePerGas");
    if (baseFeeAcceptPercent < 0) {
      throw new IllegalArgumentException("baseFeeAcceptPercent must not be negative");
    }
  }

  private static void requireNonNegative(BigInteger value, String name) {
    Objects.requireNonNull(value, name);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}
