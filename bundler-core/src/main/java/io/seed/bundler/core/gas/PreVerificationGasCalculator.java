package io.seed.bundler.core.gas;

import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The smallest preVerificationGas that pays for what an operation costs the bundle transaction
 * outside the EntryPoint's metering: its share of the calldata of {@code handleOps}, of the
 * transaction's intrinsic gas and of the EntryPoint's per-operation work. The precheck requires it
 * of every operation; estimation proposes it for fields the client has not fixed yet.
 */
public final class PreVerificationGasCalculator {
  private static final long FLOOR_GAS_PER_TOKEN = 10;
  private static final long NON_ZERO_BYTE_TOKENS = 4;
  private static final int WORD = 32;
  private static final Bytes EMPTY_BUNDLE = HandleOpsCodec.encode(List.of(), Address.ZERO);

  private final PreVerificationGasConfig config;

  /** A calculator for a chain with these costs. */
  public PreVerificationGasCalculator(PreVerificationGasConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The smallest preVerificationGas {@code op}, exactly as it is, must carry. */
  public BigInteger minimum(PackedUserOperation op) {
    Bytes bundle = HandleOpsCodec.encode(List.of(op), Address.ZERO);
    CalldataCost whole = CalldataCost.of(bundle);
    CalldataCost fixed = CalldataCost.of(EMPTY_BUNDLE);
    long opZeros = whole.zeros - fixed.zeros;
    long opNonZeros = whole.nonZeros - fixed.nonZeros;
    long words = (bundle.length() - EMPTY_BUNDLE.length()) / WORD;

    long standard =
        opZeros * config.zeroByteGas()
            + opNonZeros * config.nonZeroByteGas()
            + config.perOperationGas()
            + words * config.perOperationWordGas()
            + share(
                config.transactionBaseGas()
                    + fixed.zeros * config.zeroByteGas()
                    + fixed.nonZeros * config.nonZeroByteGas());
    if (!config.calldataFloor()) {
      return BigInteger.valueOf(standard);
    }
    long floor =
        FLOOR_GAS_PER_TOKEN * tokens(opZeros, opNonZeros)
            + share(config.transactionBaseGas() + FLOOR_GAS_PER_TOKEN * tokens(fixed.zeros, fixed.nonZeros));
    return BigInteger.valueOf(Math.max(standard, floor));
  }

  /**
   * The smallest preVerificationGas for {@code op} once its client fills in what estimation
   * cannot know: any signature of the same length, any fees, and a preVerificationGas below 2^24.
   * Those bytes are counted as non-zero, so the answer also covers the final operation.
   */
  public BigInteger forEstimation(PackedUserOperation op) {
    byte[] signature = new byte[op.signature().length()];
    Arrays.fill(signature, (byte) 0xff);
    BigInteger maxUint128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    PackedUserOperation worstCase =
        op.withSignature(Bytes.wrap(signature))
            .withFees(maxUint128, maxUint128)
            .withGas(
                BigInteger.ONE.shiftLeft(24).subtract(BigInteger.ONE),
                op.verificationGasLimit(),
                op.callGasLimit(),
                op.paymasterVerificationGasLimit(),
                op.paymasterPostOpGasLimit());
    return minimum(worstCase);
  }

  private long share(long fixedCost) {
    return (fixedCost + config.expectedBundleSize() - 1) / config.expectedBundleSize();
  }

  private static long tokens(long zeros, long nonZeros) {
    return zeros + NON_ZERO_BYTE_TOKENS * nonZeros;
  }

  private record CalldataCost(long zeros, long nonZeros) {
    static CalldataCost of(Bytes data) {
      long zeros = 0;
      for (int i = 0; i < data.length(); i++) {
        if (data.get(i) == 0) {
          zeros++;
        }
      }
      return new CalldataCost(zeros, data.length() - zeros);
    }
  }
}
