package io.seed.bundler.mempool;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;

/** Fee arithmetic of the pool's rules. */
final class Fees {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private Fees() {}

  /**
   * What the bundler earns per gas at {@code baseFee}: {@code min(maxPriorityFeePerGas,
   * maxFeePerGas - baseFee)}; negative when the operation cannot pay the base fee.
   */
  static BigInteger effectiveTip(PackedUserOperation op, BigInteger baseFee) {
    return op.maxPriorityFeePerGas().min(op.maxFeePerGas().subtract(baseFee));
  }

  /** The smallest fee at least {@code percent} percent above {@code fee}, rounded up. */
  static BigInteger bumped(BigInteger fee, int percent) {
    BigInteger[] quotient =
        fee.multiply(BigInteger.valueOf(100L + percent)).divideAndRemainder(HUNDRED);
    return quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
  }
}
