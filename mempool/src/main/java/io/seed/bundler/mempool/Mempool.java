package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.PoolIndex.EntityKey;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.reputation.Reputation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundler's mempool. Thread-safe: reads run concurrently under a shared lock; every change
 * (admission, removal, clearing) goes through one writer thread, which checks the rules against
 * the current indexes, writes a whole group of changes to the journal at once and only then makes
 * them visible and answers the callers. Readers never see a change that is not yet durable, and a
 * failed write leaves the indexes as they were.
 *
 * <p>A pool opened with a {@link Reputation} applies ERC-7562's reputation and stake rules to the
 * stakes validation reported with each operation, and counts every admission as seen by the
 * operation's entities before answering the caller.
 */
public final class Mempool implements UserOperationPool, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Mempool.class);
  /**
   * Bounds one write batch: a larger burst is written in several groups, so no caller waits for an
   * unbounded batch to be built and written.
   */
  private static final int MAX_GROUP_SIZE = 1024;

  private final EntityRules rules;
  private final AdmissionPolicy policy;
  private final PoolIndex index;
  private final PoolJournal journal;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final GroupCommitter<Request> committer;
  /** Next arrival sequence; used by the writer thread only. */
  private long nextSequence;

  private Mempool(
      MempoolConfig config,
      EntityRules rules,
      PoolIndex index,
      PoolJournal journal,
      long nextSequence) {
    this.rules = rules;
    this.policy = new AdmissionPolicy(Objects.requireNonNull(config, "config"), rules);
    this.index = index;
    this.journal = journal;
    this.nextSequence = nextSequence;
    this.committer = new GroupCommitter<>("mempool-writer", MAX_GROUP_SIZE, this::processGroup);
    committer.start();
  }

  /**
   * Opens the durable pool kept in {@code store} (opened with {@link MempoolSchema#SCHEMA}):
   * rebuilds the indexes from it, re-checks every stored operation with {@code check} and replays
   * the survivors through the pool's rules in arrival order. What is dropped is deleted from the
   * store and logged with its reason. From then on every change is written to the store before it
   * takes effect. The caller keeps ownership of the store and closes it after this pool.
   *
   * @throws KvStoreException when the store cannot be read or holds a corrupt record
   * @throws IllegalStateException when {@code check} failed without a verdict; nothing was dropped
   */
  public static Mempool open(
      KvStore store, MempoolConfig config, StakedEntities stakes, RecoveryCheck check) {
    return open(store, config, EntityRules.stakedBy(stakes), check);
  }

  /**
   * Opens the durable pool kept in {@code store} as {@link #open(KvStore, MempoolConfig,
   * StakedEntities, RecoveryCheck)} does, with {@code reputation}'s rules: stored operations whose
   * entities are now banned or over their limits are dropped.
   */
  public static Mempool open(
      KvStore store, MempoolConfig config, Reputation reputation, RecoveryCheck check) {
    return open(store, config, new ReputationRules(reputation), check);
  }

  private static Mempool open(
      KvStore store, MempoolConfig config, EntityRules rules, RecoveryCheck check) {
    PoolIndex index = new PoolIndex();
    StoreJournal journal = new StoreJournal(store);
    long nextSequence = new PoolRecovery(store, journal, config, rules, check).rebuild(index);
    return new Mempool(config, rules, index, journal, nextSequence);
  }

  /**
   * A pool that keeps nothing on disk and knows no reputation, for development chains and tests:
   * only the senders {@code stakes} names are free of the per-sender limit.
   */
  public static Mempool inMemory(MempoolConfig config, StakedEntities stakes) {
    return new Mempool(config, EntityRules.stakedBy(stakes), new PoolIndex(), PoolJournal.NONE, 0);
  }

  /** A pool that keeps nothing on disk, with {@code reputation}'s rules. */
  public static Mempool inMemory(MempoolConfig config, Reputation reputation) {
    return new Mempool(
        config, new ReputationRules(reputation), new PoolIndex(), PoolJournal.NONE, 0);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns once the operation is in the journal (for a durable pool: written and synced as the
   * store's sync mode says).
   *
   * @throws KvStoreException when the journal could not be written; the pool is unchanged then
   */
  @Override
  public Optional<PoolEntry> add(PoolEntry entry) throws UserOperationRejectedException {
    boolean staked = rules.isSenderStaked(entry);
    PoolChange change = await(new Request(new Admission(entry, staked)));
    return change.replaced();
  }

  @Override
  public Optional<PoolEntry> get(Bytes32 userOpHash) {
    return read(() -> index.get(userOpHash).map(PooledOperation::entry));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Best effective tip first, but never an operation before a lower nonce of the same sender
   * and nonce key: each such sequence is ranked by its lowest nonce, and its later nonces follow
   * in order.
   */
  @Override
  public List<PoolEntry> candidates(EntryPoint entryPoint, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative");
    }
    return read(() -> index.bestFirst(entryPoint, limit));
  }

  @Override
  public List<PoolEntry> dump(EntryPoint entryPoint) {
    return read(() -> index.inArrivalOrder(entryPoint));
  }

  @Override
  public List<PoolEntry> pendingOf(EntryPoint entryPoint, Address sender) {
    return read(() -> index.ofSender(entryPoint, sender));
  }

  /**
   * {@inheritDoc}
   *
   * @throws KvStoreException when the journal could not be written; the pool is unchanged then
   */
  @Override
  public void remove(Collection<Bytes32> userOpHashes) {
    awaitUnchecked(new Request(new Removal(Set.copyOf(userOpHashes))));
  }

  /**
   * {@inheritDoc}
   *
   * @throws KvStoreException when the journal could not be written; the pool is unchanged then
   */
  @Override
  public void clear() {
    awaitUnchecked(new Request(new Clearing()));
  }

  @Override
  public int size() {
    return read(index::size);
  }

  /**
   * How many pending operations under {@code entryPoint} have {@code address} in {@code role}
   * (the counts ERC-7562's per-entity limits and reputation read).
   */
  public int entityCount(EntryPoint entryPoint, EntityRole role, Address address) {
    return read(() -> index.count(new EntityKey(entryPoint, role, address)));
  }

  /**
   * Sets the base fee that effective tips are computed against (the builder or the chain watcher
   * calls this on every new head); 0 until then.
   */
  public void setBaseFee(BigInteger baseFee) {
    if (baseFee.signum() < 0) {
      throw new IllegalArgumentException("baseFee must not be negative");
    }
    lock.writeLock().lock();
    try {
      if (!baseFee.equals(index.baseFee())) {
        index.setBaseFee(baseFee);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Finishes the changes already submitted and stops the writer thread. */
  @Override
  public void close() {
    committer.close();
  }

  private <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private PoolChange await(Request request) throws UserOperationRejectedException {
    committer.submit(request);
    try {
      return request.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UserOperationRejectedException rejected) {
        throw rejected;
      }
      throw rethrow(e.getCause());
    }
  }

  private void awaitUnchecked(Request request) {
    try {
      await(request);
    } catch (UserOperationRejectedException e) {
      throw new IllegalStateException("removals are never rejected", e);
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  /**
   * Runs on the writer thread. Plans every request against the indexes as the earlier ones in the
   * group leave them, undoes the plans so that readers keep seeing only durable state, writes all
   * changes in one journal write, and then applies them for good.
   */
  private void processGroup(List<Request> group) {
    try {
      List<PoolChange> changes = new ArrayList<>(group.size());
      lock.writeLock().lock();
      try {
        for (Request request : group) {
          plan(request);
          if (request.change != null && !request.change.isEmpty()) {
            index.apply(request.change);
            changes.add(request.change);
          }
        }
        changes.reversed().forEach(index::undo);
      } finally {
        lock.writeLock().unlock();
      }
      if (!changes.isEmpty()) {
        journal.write(changes);
        lock.writeLock().lock();
        try {
          changes.forEach(index::apply);
        } finally {
          lock.writeLock().unlock();
        }
        countAdmissions(group);
      }
      for (Request request : group) {
        request.complete();
      }
    } catch (KvStoreException e) {
      LOG.error(
          "the mempool could not write a group of {} changes: {}", group.size(), e.getMessage());
      group.forEach(request -> request.fail(e));
    } catch (RuntimeException | Error e) {
      LOG.error("the mempool writer failed on a group of {} changes", group.size(), e);
      group.forEach(request -> request.fail(e));
    }
  }

  /**
   * Counts the group's admissions towards their entities' reputation before the callers hear of
   * them. They are already durable, so a failure here is logged and does not undo them.
   */
  private void countAdmissions(List<Request> group) {
    List<PoolEntry> admitted = new ArrayList<>();
    for (Request request : group) {
      if (request.mutation instanceof Admission && request.rejection == null) {
        request.change.added().forEach(op -> admitted.add(op.entry()));
      }
    }
    if (admitted.isEmpty()) {
      return;
    }
    try {
      rules.admitted(admitted);
    } catch (RuntimeException e) {
      LOG.error("{} admitted userOps were not counted towards reputation", admitted.size(), e);
    }
  }

  private void plan(Request request) {
    try {
      request.change =
          switch (request.mutation) {
            case Admission admission ->
                policy.plan(index, admission.entry(), admission.senderStaked(), nextSequence++);
            case Removal removal ->
                PoolChange.removing(
                    removal.hashes().stream().flatMap(hash -> index.get(hash).stream()).toList());
            case Clearing clearing -> PoolChange.removing(index.all());
          };
    } catch (UserOperationRejectedException e) {
      request.rejection = e;
    }
  }

  /** A change a caller asked for. */
  private sealed interface Mutation permits Admission, Removal, Clearing {}

  private record Admission(PoolEntry entry, boolean senderStaked) implements Mutation {}

  private record Removal(Set<Bytes32> hashes) implements Mutation {}

  private record Clearing() implements Mutation {}

  /** A mutation waiting in the writer's queue, and what became of it. */
  private static final class Request {
    private final Mutation mutation;
    private final CompletableFuture<PoolChange> result = new CompletableFuture<>();
    /** Set by the writer thread while it plans the group. */
    private PoolChange change;
    private UserOperationRejectedException rejection;

    private Request(Mutation mutation) {
      this.mutation = mutation;
    }

    void complete() {
      if (rejection != null) {
        result.completeExceptionally(rejection);
      } else {
        result.complete(change);
      }
    }

    void fail(Throwable cause) {
      if (cause instanceof KvStoreException storeFailure) {
        result.completeExceptionally(
            new KvStoreException(describe() + ": " + storeFailure.getMessage(), storeFailure));
      } else {
        result.completeExceptionally(cause);
      }
    }

    private String describe() {
      return switch (mutation) {
        case Admission admission ->
            "userOp " + admission.entry().userOpHash() + " was not added to the mempool";
        case Removal removal ->
            removal.hashes().size() + " userOps were not removed from the mempool";
        case Clearing clearing -> "the mempool was not cleared";
      };
    }
  }
}
