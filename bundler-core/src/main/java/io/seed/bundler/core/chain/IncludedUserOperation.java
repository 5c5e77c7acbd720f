package io.seed.bundler.core.chain;

import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.Objects;

/** An included UserOperation with where it was included: what {@code eth_getUserOperationByHash} returns. */
public record IncludedUserOperation(
    PackedUserOperation userOperation,
    EntryPoint entryPoint,
    long blockNumber,
    Bytes32 blockHash,
    Bytes32 transactionHash) {
  public IncludedUserOperation {
    Objects.requireNonNull(userOperation, "userOperation");
    Objects.requireNonNull(entryPoint, "entryPoint");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactionHash, "transactionHash");
  }
}
