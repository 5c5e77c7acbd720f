package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import java.util.List;
import java.util.Objects;

/**
 * A bundle transaction that was mined.
 *
 * @param transactionHash the hash of the transaction that was mined (a replacement's, when the
 *     first was replaced)
 * @param userOpHashes the operations the receipt reports executed, successfully or not
 * @param receipt the transaction's receipt; {@code receipt.status()} is false when {@code
 *     handleOps} reverted as a whole
 */
public record MinedBundle(
    EntryPoint entryPoint,
    Bytes32 transactionHash,
    List<Bytes32> userOpHashes,
    TransactionReceipt receipt) {
  public MinedBundle {
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(transactionHash, "transactionHash");
    userOpHashes = List.copyOf(userOpHashes);
    Objects.requireNonNull(receipt, "receipt");
  }
}
