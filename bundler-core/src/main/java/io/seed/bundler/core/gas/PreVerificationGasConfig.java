package io.seed.bundler.core.gas;

/**
 * What the bundle transaction costs beyond what the EntryPoint meters, as {@link
 * PreVerificationGasCalculator} charges it to each operation.
 *
 * @param transactionBaseGas the intrinsic gas of a transaction (21000)
 * @param zeroByteGas calldata gas of a zero byte (4)
 * @param nonZeroByteGas calldata gas of a non-zero byte (16)
 * @param perOperationGas EntryPoint work per operation that no gas limit covers (the loop, the
 *     {@code UserOperationEvent}, the refund)
 * @param perOperationWordGas extra gas per 32-byte word of the operation's encoding (copying it)
 * @param expectedBundleSize how many operations share the fixed cost of one bundle; 1 charges each
 *     operation all of it
 * @param calldataFloor whether the chain charges the EIP-7623 calldata floor (Prague): the
 *     operation then pays at least 10 gas per calldata token of its own and of its share
 */
public record PreVerificationGasConfig(
    long transactionBaseGas,
    long zeroByteGas,
    long nonZeroByteGas,
    long perOperationGas,
    long perOperationWordGas,
    int expectedBundleSize,
    boolean calldataFloor) {

  /** Ethereum mainnet rules (Prague) with every operation paying a whole bundle's fixed cost. */
  public static final PreVerificationGasConfig MAINNET =
      new PreVerificationGasConfig(21_000, 4, 16, 18_300, 4, 1, true);

  public PreVerificationGasConfig {
    if (transactionBaseGas < 0
        || zeroByteGas < 0
        || nonZeroByteGas < 0
        || perOperationGas < 0
        || perOperationWordGas < 0) {
      throw new IllegalArgumentException("gas amounts must not be negative");
    }
    if (expectedBundleSize < 1) {
      throw new IllegalArgumentException("expectedBundleSize must be at least 1");
    }
  }
}
