package io.seed.bundler.core.chain;

import static io.seed.bundler.core.node.NodeFutures.await;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.abi.UserOperationRevertReason;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.LogFilter;
import io.seed.bundler.core.node.Transaction;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Answers {@code eth_getUserOperationByHash} (for included operations) and {@code
 * eth_getUserOperationReceipt}. The index says where an operation was included; when it does not
 * know the hash (after a restart, or an inclusion older than the index remembers) the node's
 * {@code UserOperationEvent} logs of the last {@code logSearchBlocks} blocks are searched. The
 * receipt is always rebuilt from the transaction's current receipt, so it reflects the canonical
 * chain.
 */
public final class UserOperationLookup {
  private final EthApi eth;
  private final Map<Address, EntryPoint> entryPoints;
  private final IncludedOperations index;
  private final long logSearchBlocks;

  /** A lookup over {@code index} that searches at most {@code logSearchBlocks} recent blocks. */
  public UserOperationLookup(
      EthApi eth, List<EntryPoint> entryPoints, IncludedOperations index, long logSearchBlocks) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.entryPoints =
        entryPoints.stream()
            .collect(Collectors.toUnmodifiableMap(EntryPoint::address, Function.identity()));
    this.index = Objects.requireNonNull(index, "index");
    if (logSearchBlocks <= 0) {
      throw new IllegalArgumentException("logSearchBlocks must be positive");
    }
    this.logSearchBlocks = logSearchBlocks;
  }

  /**
   * The included operation with this hash. Empty when it is not found, or when it was included
   * through a transaction that does not call {@code handleOps} directly, so its fields cannot be
   * read from the calldata.
   */
  public Optional<IncludedUserOperation> findIncluded(Bytes32 userOpHash) {
    return locate(userOpHash).flatMap(this::withOperation);
  }

  /** The ERC-7769 receipt of the included operation with this hash. */
  public Optional<UserOperationReceipt> findReceipt(Bytes32 userOpHash) {
    Optional<Inclusion> inclusion = locate(userOpHash);
    if (inclusion.isEmpty()) {
      return Optional.empty();
    }
    EntryPoint entryPoint = inclusion.get().entryPoint();
    return await(eth.getTransactionReceipt(inclusion.get().transactionHash()))
        .flatMap(receipt -> receiptOf(userOpHash, entryPoint, receipt));
  }

  private Optional<Inclusion> locate(Bytes32 userOpHash) {
    Optional<IncludedOperation> indexed = index.get(userOpHash);
    if (indexed.isPresent()) {
      IncludedOperation op = indexed.get();
      return Optional.of(
          new Inclusion(
              op.entryPoint(), op.transactionHash(), op.blockNumber(), op.blockHash(), op.event(),
              op.poolEntry()));
    }
    long head = await(eth.blockNumber());
    List<Log> logs =
        await(
            eth.getLogs(
                new LogFilter(
                    BlockTag.number(Math.max(0, head - logSearchBlocks + 1)),
                    BlockTag.number(head),
                    List.copyOf(entryPoints.keySet()),
                    List.of(List.of(EntryPointEvents.USER_OPERATION_EVENT), List.of(userOpHash)))));
    Inclusion found = null;
    for (Log log : logs) {
      EntryPoint entryPoint = entryPoints.get(log.address());
      if (entryPoint != null && !log.removed()) {
        found =
            new Inclusion(
                entryPoint, log.transactionHash(), log.blockNumber(), log.blockHash(),
                EntryPointEvents.decodeUserOperationEvent(log.topics(), log.data()), null);
      }
    }
    return Optional.ofNullable(found);
  }

  private Optional<IncludedUserOperation> withOperation(Inclusion inclusion) {
    if (inclusion.known() != null) {
      return Optional.of(
          new IncludedUserOperation(
              inclusion.known().operation(), inclusion.entryPoint(), inclusion.blockNumber(),
              inclusion.blockHash(), inclusion.transactionHash()));
    }
    Optional<Transaction> transaction =
        await(eth.getTransactionByHash(inclusion.transactionHash()));
    if (transaction.isEmpty()) {
      return Optional.empty();
    }
    List<PackedUserOperation> bundle =
        BundleTransactions.operations(transaction.get(), inclusion.entryPoint());
    return BundleTransactions.reportedBy(bundle, inclusion.event())
        .map(
            op ->
                new IncludedUserOperation(
                    op, inclusion.entryPoint(),
                    transaction.get().blockNumber().orElse(inclusion.blockNumber()),
                    inclusion.blockHash(), inclusion.transactionHash()));
  }

  private static Optional<UserOperationReceipt> receiptOf(
      Bytes32 userOpHash, EntryPoint entryPoint, TransactionReceipt receipt) {
    List<Log> logs = receipt.logs();
    int eventAt = -1;
    for (int i = 0; i < logs.size(); i++) {
      if (isEntryPointEvent(logs.get(i), entryPoint, EntryPointEvents.USER_OPERATION_EVENT)
          && logs.get(i).topics().size() > 1
          && logs.get(i).topics().get(1).equals(userOpHash)) {
        eventAt = i;
        break;
      }
    }
    if (eventAt < 0) {
      return Optional.empty();
    }
    // The operation's own logs lie between the previous operation's UserOperationEvent (or the
    // bundle's BeforeExecution) and its own UserOperationEvent.
    int spanStart = eventAt;
    while (spanStart > 0
        && !isEntryPointEvent(logs.get(spanStart - 1), entryPoint, EntryPointEvents.USER_OPERATION_EVENT)
        && !isEntryPointEvent(logs.get(spanStart - 1), entryPoint, EntryPointEvents.BEFORE_EXECUTION)) {
      spanStart--;
    }
    List<Log> span = logs.subList(spanStart, eventAt);
    Bytes reason = null;
    for (Log log : span) {
      if (isEntryPointEvent(log, entryPoint, EntryPointEvents.USER_OPERATION_REVERT_REASON)) {
        UserOperationRevertReason revert =
            EntryPointEvents.decodeUserOperationRevertReason(log.topics(), log.data());
        if (revert.userOpHash().equals(userOpHash)) {
          reason = revert.revertReason();
        }
      }
    }
    Log eventLog = logs.get(eventAt);
    UserOperationEvent event =
        EntryPointEvents.decodeUserOperationEvent(eventLog.topics(), eventLog.data());
    return Optional.of(
        new UserOperationReceipt(
            userOpHash, entryPoint, event.sender(), event.nonce(), event.paymaster(),
            event.actualGasCost(), event.actualGasUsed(), event.success(), reason, span, receipt));
  }

  private static boolean isEntryPointEvent(Log log, EntryPoint entryPoint, Bytes32 topic) {
    return log.address().equals(entryPoint.address())
        && !log.topics().isEmpty()
        && log.topics().get(0).equals(topic);
  }


  private record Inclusion(
      EntryPoint entryPoint,
      Bytes32 transactionHash,
      long blockNumber,
      Bytes32 blockHash,
      UserOperationEvent event,
      PoolEntry known) {}
}
