package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the next bundle for one EntryPoint from the pool, best operations first: one operation
 * per sender, its lowest nonce (every sender counts as unstaked), only operations valid at the
 * head's time with a margin and paying at least the base fee, no more operations per entity than
 * its {@link BundleEntityLimits} allow, none whose validation touched the storage of another
 * chosen operation's sender or the reverse (those wait for a later bundle), until the gas or
 * operation bound is reached; then every chosen one is re-checked, all at once (an operation that
 * fails is dropped from the pool), and the sender-storage rule is applied again to the storage
 * the re-checks used.
 * Operations of banned entities and expired ones are dropped from the pool, and so are those whose
 * validation touched code that has changed since (ERC-7562 COD-010), found with one node request
 * before any re-check.
 */
final class BundleProposer {
  private static final Logger LOG = LoggerFactory.getLogger(BundleProposer.class);
  // Candidates asked from the pool per bundle slot: some are skipped for sender or window.
  private static final int CANDIDATES_PER_SLOT = 4;

  private final UserOperationPool pool;
  private final BundleRecheck recheck;
  private final BuilderConfig config;
  private final BundleEntityLimits limits;
  private final CodeChangeCheck codeChanges;

  BundleProposer(
      UserOperationPool pool,
      BundleRecheck recheck,
      BuilderConfig config,
      BundleEntityLimits limits,
      CodeChangeCheck codeChanges) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.recheck = Objects.requireNonNull(recheck, "recheck");
    this.config = Objects.requireNonNull(config, "config");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.codeChanges = Objects.requireNonNull(codeChanges, "codeChanges");
  }

  /** The next bundle for {@code entryPoint} at {@code head}, empty when nothing qualifies. */
  Optional<Bundle> propose(EntryPoint entryPoint, BlockHeader head) {
    List<PoolEntry> candidates =
        withoutChangedCode(
            pool.candidates(entryPoint, config.maxBundleOperations() * CANDIDATES_PER_SLOT));
    List<PoolEntry> chosen = new ArrayList<>();
    Set<Address> senders = new HashSet<>();
    List<PoolEntry> expired = new ArrayList<>();
    List<PoolEntry> banned = new ArrayList<>();
    Map<Address, Integer> perEntity = new HashMap<>();
    SenderStorageConflicts taken = new SenderStorageConflicts();
    BigInteger gas = BigInteger.valueOf(config.bundleGasOverhead());
    BigInteger maxGas = BigInteger.valueOf(config.maxBundleGas());
    // A pool need not offer a sender's lowest nonce first; it goes in at the place of the
    // sender's first candidate.
    Map<Address, PoolEntry> lowestNonce = new HashMap<>();
    for (PoolEntry candidate : candidates) {
      lowestNonce.merge(candidate.sender(), candidate,
          (a, b) -> a.operation().nonce().compareTo(b.operation().nonce()) <= 0 ? a : b);
    }
    for (PoolEntry best : candidates) {
      if (chosen.size() >= config.maxBundleOperations()) {
        break;
      }
      if (!senders.add(best.sender())) {
        continue;
      }
      PoolEntry candidate = lowestNonce.get(best.sender());
      if (!paysBaseFee(candidate, head)) {
        continue;
      }
      if (isExpired(candidate, head)) {
        expired.add(candidate);
        continue;
      }
      if (!isValidYet(candidate, head)) {
        continue;
      }
      List<Address> entities = entitiesOf(candidate);
      if (isBanned(candidate, entities)) {
        banned.add(candidate);
        continue;
      }
      if (!withinLimits(candidate, entities, perEntity)) {
        continue;
      }
      if (taken.conflicts(candidate)) {
        continue;
      }
      BigInteger withOp = gas.add(Bundle.gasLimitOf(candidate.operation()));
      if (withOp.compareTo(maxGas) > 0) {
        continue;
      }
      chosen.add(candidate);
      taken.take(candidate);
      gas = withOp;
      entities.forEach(entity -> perEntity.merge(entity, 1, Integer::sum));
    }
    if (!expired.isEmpty()) {
      LOG.info("Dropping {} UserOperations whose validity ended", expired.size());
      pool.remove(expired.stream().map(PoolEntry::userOpHash).toList());
    }
    if (!banned.isEmpty()) {
      LOG.info("Dropping {} UserOperations of banned entities", banned.size());
      pool.remove(banned.stream().map(PoolEntry::userOpHash).toList());
    }
    List<PoolEntry> fresh = withoutSenderStorageConflicts(rechecked(chosen).stream()
        .filter(entry -> !isExpired(entry, head) && isValidYet(entry, head))
        .toList());
    return fresh.isEmpty()
        ? Optional.empty()
        : Optional.of(Bundle.of(entryPoint, fresh, config));
  }

  /**
   * {@code chosen} re-checked, in order, without those that no longer validate (dropped from the
   * pool). The re-checks run at once, each on a virtual thread, so their node requests share
   * round trips (the node client batches calls issued together) instead of queueing one
   * operation's after another's. The slots of operations that fail stay empty in this bundle; the
   * next one fills them.
   */
  private List<PoolEntry> rechecked(List<PoolEntry> chosen) {
    List<Future<Optional<PoolEntry>>> results = new ArrayList<>(chosen.size());
    try (ExecutorService rechecks = Executors.newVirtualThreadPerTaskExecutor()) {
      for (PoolEntry entry : chosen) {
        results.add(rechecks.submit(() -> recheck(entry)));
      }
    }
    List<PoolEntry> fresh = new ArrayList<>(chosen.size());
    for (Future<Optional<PoolEntry>> result : results) {
      if (result.state() == Future.State.FAILED) {
        // a node failure, not a verdict: the round fails as a sequential re-check would
        throw result.exceptionNow() instanceof RuntimeException failure
            ? failure
            : new IllegalStateException("re-check failed", result.exceptionNow());
      }
      result.resultNow().ifPresent(fresh::add);
    }
    return fresh;
  }

  /**
   * {@code rechecked} without the operations whose validation now, at the re-check, touches the
   * storage of an earlier one's sender or the reverse; they stay in the pool for a later bundle.
   */
  private static List<PoolEntry> withoutSenderStorageConflicts(List<PoolEntry> rechecked) {
    SenderStorageConflicts taken = new SenderStorageConflicts();
    List<PoolEntry> kept = new ArrayList<>(rechecked.size());
    for (PoolEntry entry : rechecked) {
      if (taken.conflicts(entry)) {
        LOG.info(
            "Leaving UserOperation {} for a later bundle: its validation and another's in this"
                + " bundle touch one sender's storage",
            entry.userOpHash());
        continue;
      }
      taken.take(entry);
      kept.add(entry);
    }
    return kept;
  }

  private List<PoolEntry> withoutChangedCode(List<PoolEntry> candidates) {
    List<Bytes32> changed = codeChanges.changed(candidates);
    if (changed.isEmpty()) {
      return candidates;
    }
    for (Bytes32 hash : changed) {
      LOG.info(
          "Dropping UserOperation {} from the pool, code its validation used has changed (COD-010)",
          hash);
    }
    pool.remove(changed);
    Set<Bytes32> dropped = new HashSet<>(changed);
    return candidates.stream().filter(entry -> !dropped.contains(entry.userOpHash())).toList();
  }

  private Optional<PoolEntry> recheck(PoolEntry entry) {
    try {
      return Optional.of(recheck.recheck(entry));
    } catch (UserOperationRejectedException rejected) {
      LOG.info(
          "Dropping UserOperation {} from the pool, it no longer validates: {}",
          entry.userOpHash(), rejected.getMessage());
      pool.remove(List.of(entry.userOpHash()));
      return Optional.empty();
    }
  }

  private boolean isBanned(PoolEntry entry, List<Address> entities) {
    return entities.stream().anyMatch(entity -> limits.maxOperationsPerBundle(entry, entity) == 0);
  }

  private boolean withinLimits(
      PoolEntry entry, List<Address> entities, Map<Address, Integer> perEntity) {
    return entities.stream()
        .allMatch(
            entity ->
                perEntity.getOrDefault(entity, 0) < limits.maxOperationsPerBundle(entry, entity));
  }

  /** The sender, and the factory and paymaster when the operation names them. */
  private static List<Address> entitiesOf(PoolEntry entry) {
    PackedUserOperation op = entry.operation();
    List<Address> entities = new ArrayList<>(3);
    entities.add(op.sender());
    if (op.factory() != null) {
      entities.add(op.factory());
    }
    if (op.paymaster() != null) {
      entities.add(op.paymaster());
    }
    return entities;
  }

  private boolean isExpired(PoolEntry entry, BlockHeader head) {
    return entry.validUntil() != 0
        && entry.validUntil() < head.timestamp() + config.expiryMarginSeconds();
  }

  private static boolean isValidYet(PoolEntry entry, BlockHeader head) {
    return entry.validAfter() <= head.timestamp();
  }

  private static boolean paysBaseFee(PoolEntry entry, BlockHeader head) {
    return head.baseFeePerGas() == null
        || entry.operation().maxFeePerGas().compareTo(head.baseFeePerGas()) >= 0;
  }
}
