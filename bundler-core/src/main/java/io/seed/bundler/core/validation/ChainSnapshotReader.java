package io.seed.bundler.core.validation;

import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.LatestBlockCache;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a {@link ChainSnapshot} for one operation: the latest header (shared with the operations
 * validated close by, {@link LatestBlockCache}) and the code of sender, factory and paymaster,
 * issued together so the node client sends them as one batch.
 */
public final class ChainSnapshotReader {
  /** EIP-7702 delegation designator: {@code 0xef0100 ‖ address}. */
  private static final Bytes DELEGATION_PREFIX = Bytes.fromHex("0xef0100");
  private static final int DELEGATION_LENGTH = 23;
  private static final CompletableFuture<Boolean> ABSENT = CompletableFuture.completedFuture(false);

  private final EthApi eth;
  private final LatestBlockCache headers;

  /** Reads code through {@code eth} and the latest header from {@code headers}. */
  public ChainSnapshotReader(EthApi eth, LatestBlockCache headers) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.headers = Objects.requireNonNull(headers, "headers");
  }

  /** The snapshot for {@code op}. */
  public CompletableFuture<ChainSnapshot> read(PackedUserOperation op) {
    CompletableFuture<BlockHeader> header = headers.latest();
    CompletableFuture<Bytes> sender = eth.getCode(op.sender(), BlockTag.LATEST);
    CompletableFuture<Boolean> factory = op.factory() == null ? ABSENT : hasCode(op.factory());
    CompletableFuture<Boolean> paymaster = op.paymaster() == null ? ABSENT : hasCode(op.paymaster());
    return CompletableFuture.allOf(header, sender, factory, paymaster)
        .thenApply(
            ignored -> {
              BlockHeader block = header.join();
              return new ChainSnapshot(
                  block.baseFeePerGas() == null ? BigInteger.ZERO : block.baseFeePerGas(),
                  block.gasLimit(),
                  block.timestamp(),
                  !sender.join().isEmpty(),
                  delegate(sender.join()),
                  factory.join(),
                  paymaster.join());
            });
  }

  private static Address delegate(Bytes code) {
    if (code.length() != DELEGATION_LENGTH
        || !code.slice(0, DELEGATION_PREFIX.length()).equals(DELEGATION_PREFIX)) {
      return null;
    }
    return Address.of(code.slice(DELEGATION_PREFIX.length(), DELEGATION_LENGTH).toArray());
  }

  private CompletableFuture<Boolean> hasCode(Address address) {
    return eth.getCode(address, BlockTag.LATEST).thenApply(code -> !code.isEmpty());
  }
}
