package io.seed.bundler.core.chain;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.node.Transaction;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Optional;

/**
 * Reads back the operations a bundle transaction carried, to find the one behind a {@code
 * UserOperationEvent} when the pool did not hold it (another bundler's bundle, or a restart).
 */
public final class BundleTransactions {
  private BundleTransactions() {}

  /**
   * The operations {@code transaction} passes to {@code entryPoint}'s {@code handleOps}; empty
   * when it is no direct {@code handleOps} call to that EntryPoint or its input is malformed. A
   * call through another contract is not read: what such a contract forwards need not be what its
   * own input says.
   */
  public static List<PackedUserOperation> operations(Transaction transaction,
      EntryPoint entryPoint) {
    if (!entryPoint.address().equals(transaction.to())
        || !HandleOpsCodec.isHandleOps(transaction.input())) {
      return List.of();
    }
    try {
      return HandleOpsCodec.decode(transaction.input()).operations();
    } catch (AbiDecodingException malformed) {
      return List.of();
    }
  }

  /**
   * The operation of {@code bundle} that {@code event} reports: sender and nonce identify it
   * within one bundle, since a second one would have failed the EntryPoint's nonce check.
   */
  public static Optional<PackedUserOperation> reportedBy(List<PackedUserOperation> bundle,
      UserOperationEvent event) {
    return bundle.stream()
        .filter(op -> op.sender().equals(event.sender()) && op.nonce().equals(event.nonce()))
        .findFirst();
  }
}
