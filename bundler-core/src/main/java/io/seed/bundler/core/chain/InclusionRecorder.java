package io.seed.bundler.core.chain;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code UserOperationEvent} logs of the served EntryPoints into index records and takes
 * the operations out of the pool. The builder calls it with its bundle's receipt, the {@link
 * ChainWatcher} with every block's logs; recording the same inclusion twice is harmless, and the
 * pool entry found the first time is kept so a reorg can give it back to the pool. Operations
 * that leave the pool this way are reported to the {@link InclusionListener}, once.
 */
public final class InclusionRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(InclusionRecorder.class);

  private final Map<Address, EntryPoint> entryPoints;
  private final UserOperationPool pool;
  private final IncludedOperations index;
  private final InclusionListener listener;
  // The builder and the watcher may record the same logs at once; one at a time, so that an
  // operation leaves the pool, and is reported, only once. Not synchronized: recording waits on
  // the pool's writer, which would pin a virtual thread on JDK 21.
  private final ReentrantLock lock = new ReentrantLock();

  /** Records inclusions for {@code entryPoints} into {@code index}, removing them from {@code pool}. */
  public InclusionRecorder(
      List<EntryPoint> entryPoints, UserOperationPool pool, IncludedOperations index) {
    this(entryPoints, pool, index, InclusionListener.NONE);
  }

  /**
   * Records inclusions for {@code entryPoints} into {@code index}, removing them from {@code
   * pool} and reporting those the pool held to {@code listener}.
   */
  public InclusionRecorder(
      List<EntryPoint> entryPoints,
      UserOperationPool pool,
      IncludedOperations index,
      InclusionListener listener) {
    this.entryPoints =
        entryPoints.stream().collect(Collectors.toUnmodifiableMap(EntryPoint::address, Function.identity()));
    this.pool = Objects.requireNonNull(pool, "pool");
    this.index = Objects.requireNonNull(index, "index");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Records the operations whose {@code UserOperationEvent} is among {@code logs}; logs of other
   * contracts or events, and logs a reorg removed, are ignored.
   *
   * @return the records written, in log order
   */
  public List<IncludedOperation> record(List<Log> logs) {
    lock.lock();
    try {
      return recordEvents(logs);
    } finally {
      lock.unlock();
    }
  }

  private List<IncludedOperation> recordEvents(List<Log> logs) {
    List<IncludedOperation> recorded = new ArrayList<>();
    List<IncludedOperation> leftThePool = new ArrayList<>();
    for (Log log : logs) {
      EntryPoint entryPoint = entryPoints.get(log.address());
      if (entryPoint == null
          || log.removed()
          || log.topics().isEmpty()
          || !log.topics().get(0).equals(EntryPointEvents.USER_OPERATION_EVENT)) {
        continue;
      }
      UserOperationEvent event;
      try {
        event = EntryPointEvents.decodeUserOperationEvent(log.topics(), log.data());
      } catch (AbiDecodingException malformed) {
        LOG.warn("Skipping malformed UserOperationEvent in tx {}: {}", log.transactionHash(),
            malformed.getMessage());
        continue;
      }
      Optional<PoolEntry> pending = pool.get(event.userOpHash());
      IncludedOperation operation =
          new IncludedOperation(
              event.userOpHash(),
              entryPoint,
              pending.or(() -> earlierEntry(event.userOpHash())).orElse(null),
              log.blockNumber(),
              log.blockHash(),
              log.transactionHash(),
              event);
      recorded.add(operation);
      if (pending.isPresent()) {
        leftThePool.add(operation);
      }
    }
    if (!recorded.isEmpty()) {
      index.putAll(recorded);
      pool.remove(recorded.stream().map(IncludedOperation::userOpHash).toList());
    }
    if (!leftThePool.isEmpty()) {
      listener.included(leftThePool);
    }
    return recorded;
  }

  private Optional<PoolEntry> earlierEntry(Bytes32 userOpHash) {
    return index.get(userOpHash).flatMap(IncludedOperation::pendingEntry);
  }
}
