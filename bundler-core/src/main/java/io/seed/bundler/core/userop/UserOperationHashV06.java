package io.seed.bundler.core.userop;

/** EntryPoint v0.6: the inner hash, {@code keccak(pack(op))} with the unpacked fields. */
final class UserOperationHashV06 {
  private UserOperationHashV06() {}

  static byte[] inner(UserOperation op) {
    return new AbiWords(10)
        .address(op.sender())
        .uint(op.nonce())
        .hashOf(op.initCode())
        .hashOf(op.callData())
        .uint(op.callGasLimit())
        .uint(op.verificationGasLimit())
        .uint(op.preVerificationGas())
        .uint(op.maxFeePerGas())
        .uint(op.maxPriorityFeePerGas())
        .hashOf(op.paymasterAndData())
        .keccak();
  }
}
