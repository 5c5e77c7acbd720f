package io.seed.bundler.mempool;

import io.seed.bundler.core.userop.PackedUserOperation;

/**
 * The size by which the pool's byte cap counts an operation: its ABI encoding as a
 * {@code PackedUserOperation} tuple in {@code handleOps} calldata, which is what it costs a bundle
 * and roughly what it costs the pool to hold.
 */
final class OperationSize {
  /** sender, nonce, 4 offsets, accountGasLimits, preVerificationGas, gasFees. */
  private static final int HEAD_WORDS = 9;

  private OperationSize() {}

  static int of(PackedUserOperation op) {
    return 32 * HEAD_WORDS
        + dynamic(op.factory() == null ? 0 : 20 + op.factoryData().length())
        + dynamic(op.callData().length())
        + dynamic(op.paymaster() == null ? 0 : 52 + op.paymasterData().length())
        + dynamic(op.signature().length());
  }

  /** A length word followed by the data padded to whole words. */
  private static int dynamic(int length) {
    return 32 + (length + 31) / 32 * 32;
  }
}
