package io.seed.bundler.core.gas;

/**
 * Settings of the {@link GasEstimator}.
 *
 * @param maxVerificationGas the ceiling of the verification (and paymaster verification) gas
 *     searches; an operation that fails even there is rejected with the EntryPoint's reason
 * @param maxCallGas the callGasLimit execution is measured with; execution needing about this
 *     much is refused
 * @param verificationGasBufferPercent added to the smallest verification limits that pass, for
 *     state that differs between simulation and inclusion
 * @param callGasBuffer gas added to the measured execution, beyond the 63/64 margin
 * @param searchTolerance the binary searches stop when the passing and failing limits are this
 *     close; the passing one is used
 */
public record GasEstimatorConfig(
    long maxVerificationGas,
    long maxCallGas,
    int verificationGasBufferPercent,
    long callGasBuffer,
    long searchTolerance) {

  /** Defaults: 3M verification ceiling, 10M call measurement, +10 %, +10k call gas, 1k steps. */
  public static final GasEstimatorConfig DEFAULTS =
      new GasEstimatorConfig(3_000_000, 10_000_000, 10, 10_000, 1_000);

  public GasEstimatorConfig {
    if (maxVerificationGas <= 0 || maxCallGas <= 0) {
      throw new IllegalArgumentException("gas ceilings must be positive");
    }
    if (verificationGasBufferPercent < 0 || callGasBuffer < 0) {
      throw new IllegalArgumentException("buffers must not be negative");
    }
    if (searchTolerance < 1) {
      throw new IllegalArgumentException("searchTolerance must be at least 1");
    }
  }
}
