package io.seed.bundler.mempool;

import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.chain.IncludedOperations;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.kv.KvTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link IncludedOperations} in the mempool's store (opened with {@link MempoolSchema#SCHEMA}),
 * so receipts and look-ups by hash of operations included while the bundler ran survive a
 * restart. Records are read from the store on demand; memory holds only where each operation was
 * included. Bounded: past {@code capacity} operations, those of the oldest blocks are deleted
 * (look-ups then fall back to the node's logs). Thread-safe. The caller keeps ownership of the
 * store.
 */
public final class DurableIncludedOperations implements IncludedOperations {
  private static final Logger LOG = LoggerFactory.getLogger(DurableIncludedOperations.class);

  private final KvStore store;
  private final int capacity;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Bytes32, Placement> placements = new HashMap<>();
  private final Map<Bytes32, Set<Bytes32>> byBlockHash = new HashMap<>();
  private final NavigableMap<Long, Set<Bytes32>> byBlockNumber = new TreeMap<>();

  private DurableIncludedOperations(KvStore store, int capacity) {
    this.store = store;
    this.capacity = capacity;
  }

  /**
   * The index kept in {@code store}, holding at most {@code capacity} operations: reads where
   * every stored operation was included, and deletes the oldest beyond the capacity.
   *
   * @throws KvStoreException when the store cannot be read or holds a corrupt record
   */
  public static DurableIncludedOperations open(KvStore store, int capacity) {
    Objects.requireNonNull(store, "store");
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    DurableIncludedOperations index = new DurableIncludedOperations(store, capacity);
    store.forEach(MempoolSchema.INCLUDED_OPERATIONS, (hash, operation) -> {
      if (!hash.equals(operation.userOpHash())) {
        throw new KvStoreException(
            "the mempool store holds included userOp " + operation.userOpHash() + " under the key "
                + hash + "; refusing to guess which is right");
      }
      index.track(operation);
    });
    index.deleteQuietly(index.prune());
    LOG.info("{} included userOps loaded from the store", index.placements.size());
    return index;
  }

  @Override
  public void put(IncludedOperation operation) {
    putAll(List.of(operation));
  }

  /**
   * {@inheritDoc}
   *
   * @throws KvStoreException when they could not be written; the index is unchanged then
   */
  @Override
  public void putAll(List<IncludedOperation> operations) {
    if (operations.isEmpty()) {
      return;
    }
    writing(() -> {
      try (KvTransaction tx = store.startTransaction()) {
        for (IncludedOperation operation : operations) {
          tx.put(MempoolSchema.INCLUDED_OPERATIONS, operation.userOpHash(), operation);
        }
        tx.commit();
      }
      operations.forEach(this::track);
      deleteQuietly(prune());
      return null;
    });
  }

  @Override
  public Optional<IncludedOperation> get(Bytes32 userOpHash) {
    lock.readLock().lock();
    try {
      return placements.containsKey(userOpHash)
          ? store.get(MempoolSchema.INCLUDED_OPERATIONS, userOpHash)
          : Optional.empty();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws KvStoreException when they could not be deleted; the index is unchanged then
   */
  @Override
  public List<IncludedOperation> removeBlock(Bytes32 blockHash) {
    return writing(() -> {
      Set<Bytes32> hashes = byBlockHash.getOrDefault(blockHash, Set.of());
      if (hashes.isEmpty()) {
        return List.<IncludedOperation>of();
      }
      List<IncludedOperation> removed = new ArrayList<>(hashes.size());
      try (KvTransaction tx = store.startTransaction()) {
        for (Bytes32 hash : hashes) {
          store.get(MempoolSchema.INCLUDED_OPERATIONS, hash).ifPresent(removed::add);
          tx.delete(MempoolSchema.INCLUDED_OPERATIONS, hash);
        }
        tx.commit();
      }
      List.copyOf(hashes).forEach(this::untrack);
      return removed;
    });
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return placements.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T writing(Supplier<T> change) {
    lock.writeLock().lock();
    try {
      return change.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Indexes where {@code operation} was included, replacing an earlier inclusion. */
  private void track(IncludedOperation operation) {
    untrack(operation.userOpHash());
    placements.put(
        operation.userOpHash(), new Placement(operation.blockNumber(), operation.blockHash()));
    byBlockHash
        .computeIfAbsent(operation.blockHash(), block -> new LinkedHashSet<>())
        .add(operation.userOpHash());
    byBlockNumber
        .computeIfAbsent(operation.blockNumber(), number -> new LinkedHashSet<>())
        .add(operation.userOpHash());
  }

  private void untrack(Bytes32 userOpHash) {
    Placement placement = placements.remove(userOpHash);
    if (placement != null) {
      forget(byBlockHash, placement.blockHash(), userOpHash);
      forget(byBlockNumber, placement.blockNumber(), userOpHash);
    }
  }

  private static <K> void forget(Map<K, Set<Bytes32>> index, K key, Bytes32 userOpHash) {
    Set<Bytes32> hashes = index.get(key);
    hashes.remove(userOpHash);
    if (hashes.isEmpty()) {
      index.remove(key);
    }
  }

  /** Un-indexes the operations of the oldest blocks beyond the capacity; returns their hashes. */
  private List<Bytes32> prune() {
    List<Bytes32> pruned = new ArrayList<>();
    while (placements.size() > capacity) {
      Bytes32 hash = byBlockNumber.firstEntry().getValue().iterator().next();
      untrack(hash);
      pruned.add(hash);
    }
    return pruned;
  }

  /**
   * Deletes pruned records. They are already out of the index, so a failure only leaves records
   * that the next open prunes again.
   */
  private void deleteQuietly(List<Bytes32> pruned) {
    if (pruned.isEmpty()) {
      return;
    }
    try (KvTransaction tx = store.startTransaction()) {
      for (Bytes32 hash : pruned) {
        tx.delete(MempoolSchema.INCLUDED_OPERATIONS, hash);
      }
      tx.commit();
    } catch (KvStoreException e) {
      LOG.warn(
          "{} included userOps beyond the capacity were not deleted from the store: {}",
          pruned.size(), e.getMessage());
    }
  }

  private record Placement(long blockNumber, Bytes32 blockHash) {}
}
