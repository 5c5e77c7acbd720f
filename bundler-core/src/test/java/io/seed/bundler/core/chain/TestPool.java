package io.seed.bundler.core.chain;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest honest {@link UserOperationPool} for bundler-core's tests (the real one lives in
 * the mempool module, which depends on this one): by hash, best tip first, a same sender and
 * nonce replaces.
 */
public final class TestPool implements UserOperationPool {
  private final Map<Bytes32, PoolEntry> entries = new LinkedHashMap<>();

  @Override
  public synchronized Optional<PoolEntry> add(PoolEntry entry)
      throws UserOperationRejectedException {
    if (entries.containsKey(entry.userOpHash())) {
      throw new UserOperationRejectedException(
          RejectionReason.INVALID_FIELDS, "already in the pool: " + entry.userOpHash());
    }
    Optional<PoolEntry> replaced =
        entries.values().stream()
            .filter(
                e ->
                    e.entryPoint().equals(entry.entryPoint())
                        && e.sender().equals(entry.sender())
                        && e.operation().nonce().equals(entry.operation().nonce()))
            .findFirst();
    replaced.ifPresent(old -> entries.remove(old.userOpHash()));
    entries.put(entry.userOpHash(), entry);
    return replaced;
  }

  @Override
  public synchronized Optional<PoolEntry> get(Bytes32 userOpHash) {
    return Optional.ofNullable(entries.get(userOpHash));
  }

  @Override
  public synchronized List<PoolEntry> candidates(EntryPoint entryPoint, int limit) {
    return entries.values().stream()
        .filter(e -> e.entryPoint().equals(entryPoint))
        .sorted(
            Comparator.comparing((PoolEntry e) -> e.operation().maxPriorityFeePerGas())
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<PoolEntry> dump(EntryPoint entryPoint) {
    return entries.values().stream().filter(e -> e.entryPoint().equals(entryPoint)).toList();
  }

  @Override
  public synchronized List<PoolEntry> pendingOf(EntryPoint entryPoint, Address sender) {
    return dump(entryPoint).stream()
        .filter(e -> e.sender().equals(sender))
        .sorted(Comparator.comparing((PoolEntry e) -> e.operation().nonce()))
        .toList();
  }

  @Override
  public synchronized void remove(Collection<Bytes32> userOpHashes) {
    userOpHashes.forEach(entries::remove);
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }
}
