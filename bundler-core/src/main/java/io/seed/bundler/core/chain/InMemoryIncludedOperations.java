package io.seed.bundler.core.chain;

import io.seed.bundler.core.types.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link IncludedOperations} in memory, bounded: past {@code capacity} operations the oldest
 * indexed are forgotten (look-ups then fall back to the node's logs).
 */
public final class InMemoryIncludedOperations implements IncludedOperations {
  private final int capacity;
  private final LinkedHashMap<Bytes32, IncludedOperation> byHash = new LinkedHashMap<>();
  private final Map<Bytes32, Set<Bytes32>> hashesByBlock = new HashMap<>();

  /** An index that holds at most {@code capacity} operations. */
  public InMemoryIncludedOperations(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void put(IncludedOperation operation) {
    IncludedOperation previous = byHash.remove(operation.userOpHash());
    if (previous != null) {
      forgetInBlock(previous);
    }
    byHash.put(operation.userOpHash(), operation);
    hashesByBlock
        .computeIfAbsent(operation.blockHash(), block -> new LinkedHashSet<>())
        .add(operation.userOpHash());
    Iterator<IncludedOperation> oldest = byHash.values().iterator();
    while (byHash.size() > capacity) {
      IncludedOperation evicted = oldest.next();
      oldest.remove();
      forgetInBlock(evicted);
    }
  }

  @Override
  public synchronized Optional<IncludedOperation> get(Bytes32 userOpHash) {
    return Optional.ofNullable(byHash.get(userOpHash));
  }

  @Override
  public synchronized List<IncludedOperation> removeBlock(Bytes32 blockHash) {
    Set<Bytes32> hashes = hashesByBlock.remove(blockHash);
    if (hashes == null) {
      return List.of();
    }
    List<IncludedOperation> removed = new ArrayList<>(hashes.size());
    for (Bytes32 hash : hashes) {
      removed.add(byHash.remove(hash));
    }
    return removed;
  }

  @Override
  public synchronized int size() {
    return byHash.size();
  }

  private void forgetInBlock(IncludedOperation operation) {
    Set<Bytes32> hashes = hashesByBlock.get(operation.blockHash());
    if (hashes != null) {
      hashes.remove(operation.userOpHash());
      if (hashes.isEmpty()) {
        hashesByBlock.remove(operation.blockHash());
      }
    }
  }
}
