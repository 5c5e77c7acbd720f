package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Bytes;

/** EntryPoint v0.7: the inner hash over the packed fields. */
final class PackedUserOperationHashV07 {
  /** How many words {@link #writeFields} writes. */
  static final int FIELD_WORDS = 8;

  private PackedUserOperationHashV07() {}

  static byte[] inner(PackedUserOperation op) {
    return writeFields(new AbiWords(FIELD_WORDS), op, op.initCode()).keccak();
  }

  /**
   * The packed operation's fields as v0.7 hashes them and v0.8 hashes them after its type hash,
   * with {@code initCode} standing for the operation's (v0.8 substitutes the EIP-7702 delegate).
   */
  static AbiWords writeFields(AbiWords words, PackedUserOperation op, Bytes initCode) {
    return words
        .address(op.sender())
        .uint(op.nonce())
        .hashOf(initCode)
        .hashOf(op.callData())
        .uint128Pair(op.verificationGasLimit(), op.callGasLimit())
        .uint(op.preVerificationGas())
        .uint128Pair(op.maxPriorityFeePerGas(), op.maxFeePerGas())
        .hashOf(op.paymasterAndData());
  }
}
