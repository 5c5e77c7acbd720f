package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.kv.KvTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the pool's indexes from its store when it opens: reconciles the operation records with
 * the nonce-slot index, re-checks every operation, and replays the survivors through the
 * admission rules in arrival order, so that a pool opened with other limits or stakes ends up as
 * if the operations had arrived under them. Whatever is dropped is deleted from the store and
 * logged with its reason.
 */
final class PoolRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(PoolRecovery.class);

  private final KvStore store;
  private final PoolJournal journal;
  private final MempoolConfig config;
  private final EntityRules rules;
  private final RecoveryCheck check;

  PoolRecovery(
      KvStore store,
      PoolJournal journal,
      MempoolConfig config,
      EntityRules rules,
      RecoveryCheck check) {
    this.store = store;
    this.journal = journal;
    this.config = config;
    this.rules = rules;
    this.check = check;
  }

  /**
   * Fills {@code index} from the store.
   *
   * @return the sequence number for the next arrival
   */
  long rebuild(PoolIndex index) {
    List<PooledOperation> stored = reconcile();
    Map<Bytes32, String> invalid = recheck(stored);
    AdmissionPolicy policy = new AdmissionPolicy(config, rules);
    List<PooledOperation> dropped = new ArrayList<>();
    for (PooledOperation op : stored) {
      PoolEntry entry = op.entry();
      String reason = invalid.get(entry.userOpHash());
      if (reason == null) {
        try {
          boolean staked = rules.isSenderStaked(entry);
          PoolChange change = policy.plan(index, entry, staked, op.sequence());
          index.apply(change);
          for (PooledOperation evicted : change.removed()) {
            drop(dropped, evicted, "evicted to make room under the configured limits");
          }
        } catch (UserOperationRejectedException e) {
          reason = e.getMessage();
        }
      }
      if (reason != null) {
        drop(dropped, op, reason);
      }
    }
    if (!dropped.isEmpty()) {
      journal.write(List.of(PoolChange.removing(dropped)));
    }
    LOG.info(
        "the mempool recovered {} userOps from its store and dropped {}",
        index.size(),
        dropped.size());
    return stored.stream().mapToLong(PooledOperation::sequence).max().orElse(-1) + 1;
  }

  private static void drop(List<PooledOperation> dropped, PooledOperation op, String reason) {
    LOG.info("dropping stored userOp {}: {}", op.entry().userOpHash(), reason);
    dropped.add(op);
  }

  /**
   * The stored operations that hold their nonce slot, in arrival order. The two columns are
   * written in one batch and agree unless the database was damaged; then the slot index decides
   * which operation holds a slot, operations missing from it are indexed again, and index entries
   * without an operation are removed.
   */
  private List<PooledOperation> reconcile() {
    Map<Bytes32, PooledOperation> operations = new HashMap<>();
    store.forEach(MempoolSchema.OPERATIONS, (hash, op) -> {
      if (!hash.equals(op.entry().userOpHash())) {
        throw new KvStoreException(
            "the mempool store holds userOp " + op.entry().userOpHash() + " under the key " + hash
                + "; refusing to guess which is right");
      }
      operations.put(hash, op);
    });
    Map<NonceSlot, Bytes32> slots = new HashMap<>();
    store.forEach(MempoolSchema.NONCE_SLOTS, slots::put);
    List<PooledOperation> live = new ArrayList<>();
    try (KvTransaction repairs = store.startTransaction()) {
      boolean repaired = false;
      for (Map.Entry<NonceSlot, Bytes32> slot : slots.entrySet()) {
        if (!operations.containsKey(slot.getValue())) {
          LOG.warn("removing the nonce-index entry of missing userOp {}", slot.getValue());
          repairs.delete(MempoolSchema.NONCE_SLOTS, slot.getKey());
          repaired = true;
        }
      }
      List<PooledOperation> ordered = new ArrayList<>(operations.values());
      ordered.sort(Comparator.comparingLong(PooledOperation::sequence));
      for (PooledOperation op : ordered) {
        NonceSlot slot = NonceSlot.of(op.entry());
        Bytes32 holder = slots.get(slot);
        if (holder == null || !operations.containsKey(holder)) {
          LOG.warn(
              "indexing stored userOp {} again: its nonce-index entry was missing",
              op.entry().userOpHash());
          repairs.put(MempoolSchema.NONCE_SLOTS, slot, op.entry().userOpHash());
          slots.put(slot, op.entry().userOpHash());
          repaired = true;
          live.add(op);
        } else if (holder.equals(op.entry().userOpHash())) {
          live.add(op);
        } else {
          LOG.warn(
              "deleting stored userOp {}: userOp {} holds its nonce slot",
              op.entry().userOpHash(),
              holder);
          repairs.delete(MempoolSchema.OPERATIONS, op.entry().userOpHash());
          repaired = true;
        }
      }
      if (repaired) {
        repairs.commit();
      }
    }
    live.sort(Comparator.comparingLong(PooledOperation::sequence));
    return live;
  }

  /** The operations the check rejects, with its reasons; checks run concurrently. */
  private Map<Bytes32, String> recheck(List<PooledOperation> ops) {
    Semaphore permits = new Semaphore(config.recoveryParallelism());
    Map<Bytes32, Future<Optional<String>>> verdicts = new HashMap<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (PooledOperation op : ops) {
        verdicts.put(op.entry().userOpHash(), executor.submit(() -> verdict(op.entry(), permits)));
      }
    }
    Map<Bytes32, String> invalid = new HashMap<>();
    for (Map.Entry<Bytes32, Future<Optional<String>>> verdict : verdicts.entrySet()) {
      try {
        verdict.getValue().get().ifPresent(reason -> invalid.put(verdict.getKey(), reason));
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "re-checking stored userOp " + verdict.getKey() + " failed, so the mempool did not open"
                + " and dropped nothing: " + e.getCause().getMessage(),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while re-checking stored userOps", e);
      }
    }
    return invalid;
  }

  private Optional<String> verdict(PoolEntry entry, Semaphore permits) throws InterruptedException {
    permits.acquire();
    try {
      check.verify(entry);
      return Optional.empty();
    } catch (UserOperationRejectedException e) {
      return Optional.of(e.getMessage());
    } finally {
      permits.release();
    }
  }
}
