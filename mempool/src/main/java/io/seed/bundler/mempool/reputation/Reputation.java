package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.builder.BundleEntityLimits;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.chain.InclusionListener;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ERC-7562 reputation of the entities (senders, factories, paymasters) under each EntryPoint.
 * Thread-safe.
 *
 * <p>Counted entities: an operation's factory and paymaster, and its sender when the sender is
 * staked (an unstaked account is no reputation entity). {@code opsSeen} grows when the pool
 * admits an operation ({@link #seen}), {@code opsIncluded} when an operation the pool held is seen
 * included on chain ({@link #included}). Counts are kept per EntryPoint: stakes live in each
 * EntryPoint, and an entity's behaviour under one says nothing about another. The status binds
 * only the entities ERC-7562's reputation rules hold accountable: staked ones, and paymasters
 * staked or not ({@link #isAccountable}); an unstaked factory is counted but never limited.
 *
 * <p>Decay is lazy and driven by the injected clock: both counts of every entity become {@code
 * value * 23 / 24} (rounded down) once per whole hour of the clock (hours since the epoch), applied
 * at the first call in a new hour, as many times as hours have passed since the last decay. The
 * hour of the last decay is stored with the counts, so hours spent stopped are made up on start.
 * An entity whose counts reach zero is forgotten.
 *
 * <p>Every change is written to the {@link ReputationStore} as it is made. A failed write of
 * counts ({@link #seen}, {@link #included}) is logged and the counts still change in memory, to be
 * written with the entity's next change; a failed decay is retried on the next call; {@link #set}
 * and {@link #clear} fail and change nothing.
 */
public final class Reputation implements InclusionListener, BundleEntityLimits {
  private static final Logger LOG = LoggerFactory.getLogger(Reputation.class);
  private static final long HOUR_MILLIS = 3_600_000L;

  private final ReputationStore store;
  private final ReputationConfig config;
  private final Clock clock;
  // Not synchronized: store writes block, which would pin a virtual thread on JDK 21.
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Key, Counts> counts = new HashMap<>();
  private long decayedThroughHour;

  private Reputation(
      ReputationStore store,
      ReputationConfig config,
      Clock clock,
      List<ReputationRecord> stored,
      long decayedThroughHour) {
    this.store = store;
    this.config = config;
    this.clock = clock;
    for (ReputationRecord record : stored) {
      if (!record.isEmpty()) {
        counts.put(
            new Key(record.entryPoint(), record.entity()),
            new Counts(record.opsSeen(), record.opsIncluded()));
      }
    }
    this.decayedThroughHour = decayedThroughHour;
  }

  /**
   * Reputation kept in {@code store}: loads what it holds (decaying it for the hours since it was
   * written) and writes every change to it.
   *
   * @throws RuntimeException when the store cannot be read
   */
  public static Reputation open(ReputationStore store, ReputationConfig config, Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    List<ReputationRecord> stored = store.load();
    long hour = store.decayedThroughHour().orElse(hourOf(clock));
    Reputation reputation = new Reputation(store, config, clock, stored, hour);
    LOG.info("reputation of {} entities loaded", stored.size());
    return reputation;
  }

  /** Reputation that lives only in memory. */
  public static Reputation inMemory(ReputationConfig config, Clock clock) {
    return open(ReputationStore.NONE, config, clock);
  }

  /** The parameters this reputation judges by. */
  public ReputationConfig config() {
    return config;
  }

  /** The status of {@code entity} under {@code entryPoint}; OK for an entity never counted. */
  public ReputationStatus status(EntryPoint entryPoint, Address entity) {
    return locked(() -> statusOf(counts(new Key(entryPoint.address(), entity))));
  }

  /** Every counted entity under {@code entryPoint}, by address. */
  public List<ReputationEntry> dump(EntryPoint entryPoint) {
    return locked(() -> {
      List<ReputationEntry> entries = new ArrayList<>();
      counts.forEach((key, value) -> {
        if (key.entryPoint().equals(entryPoint.address())) {
          entries.add(
              new ReputationEntry(
                  key.entity(), value.opsSeen(), value.opsIncluded(), statusOf(value)));
        }
      });
      entries.sort(Comparator.comparing(ReputationEntry::address));
      return entries;
    });
  }

  /**
   * Sets the counts of the entities in {@code entries} under {@code entryPoint}; the status of
   * each follows from its counts, as ERC-7562 computes it (the entries' status is not read).
   * Counts of zero forget the entity.
   *
   * @throws RuntimeException when the store could not be written; nothing changed then
   */
  public void set(EntryPoint entryPoint, List<ReputationEntry> entries) {
    Map<Key, Counts> changes = new LinkedHashMap<>();
    for (ReputationEntry entry : entries) {
      changes.put(
          new Key(entryPoint.address(), entry.address()),
          new Counts(entry.opsSeen(), entry.opsIncluded()));
    }
    locked(() -> {
      store.write(records(changes), decayedThroughHour);
      apply(changes);
      return null;
    });
  }

  /**
   * Forgets every entity's counts, under every EntryPoint.
   *
   * @throws RuntimeException when the store could not be written; nothing changed then
   */
  public void clear() {
    locked(() -> {
      Map<Key, Counts> changes = new LinkedHashMap<>();
      counts.keySet().forEach(key -> changes.put(key, Counts.ZERO));
      store.write(records(changes), decayedThroughHour);
      counts.clear();
      return null;
    });
  }

  /** Counts {@code entries}, just admitted to the pool, as seen by their entities. */
  public void seen(List<PoolEntry> entries) {
    count(entries, Counts::plusSeen);
  }

  /** Counts the operations the pool held and that are now included as included by their entities. */
  @Override
  public void included(List<IncludedOperation> operations) {
    count(
        operations.stream().flatMap(operation -> operation.pendingEntry().stream()).toList(),
        Counts::plusIncluded);
  }

  /**
   * Whether the reputation rules hold {@code entity}, as {@code entry} names it, to its status
   * [GREP-010, GREP-020]: they apply to every staked entity and to an unstaked paymaster. When an
   * address plays two roles, it is accountable if either role makes it so.
   */
  public boolean isAccountable(PoolEntry entry, Address entity) {
    PackedUserOperation op = entry.operation();
    EntityStakes stakes = entry.stakes();
    return entity.equals(op.paymaster())
        || entity.equals(op.sender()) && config.isStaked(stakes.sender())
        || entity.equals(op.factory()) && config.isStaked(stakes.factory());
  }

  /**
   * An accountable entity's operations are limited to {@link
   * ReputationConfig#throttledEntityBundleCount()} per bundle while it is throttled [GREP-020],
   * and to none while it is banned [GREP-010]; other entities are not limited.
   */
  @Override
  public int maxOperationsPerBundle(PoolEntry entry, Address entity) {
    if (!isAccountable(entry, entity)) {
      return Integer.MAX_VALUE;
    }
    return switch (status(entry.entryPoint(), entity)) {
      case OK -> Integer.MAX_VALUE;
      case THROTTLED -> config.throttledEntityBundleCount();
      case BANNED -> 0;
    };
  }

  /**
   * How many operations naming {@code entity}, an unstaked paymaster, the mempool may hold
   * [UREP-020]: {@code SAME_UNSTAKED_ENTITY_MEMPOOL_COUNT + inclusionRate *
   * min(opsIncluded, MAX_OPS_ALLOWED_UNSTAKED_ENTITY)}, where the inclusion rate is {@code
   * opsIncluded / opsSeen}; rounded down.
   */
  public long unstakedAllowance(EntryPoint entryPoint, Address entity) {
    Counts entityCounts = locked(() -> counts(new Key(entryPoint.address(), entity)));
    long base = config.sameUnstakedEntityMempoolCount();
    if (entityCounts.opsSeen() == 0) {
      return base;
    }
    long credited = Math.min(entityCounts.opsIncluded(), config.maxOpsAllowedUnstakedEntity());
    if (credited != 0 && entityCounts.opsIncluded() > (Long.MAX_VALUE - base) / credited) {
      return Long.MAX_VALUE;
    }
    return base + credited * entityCounts.opsIncluded() / entityCounts.opsSeen();
  }

  /** Applies {@code step} to the counts of every counted entity of every entry, and stores them. */
  private void count(List<PoolEntry> entries, UnaryOperator<Counts> step) {
    locked(() -> {
      Map<Key, Counts> changes = new LinkedHashMap<>();
      for (PoolEntry entry : entries) {
        for (Address entity : countedEntities(entry)) {
          Key key = new Key(entry.entryPoint().address(), entity);
          changes.put(key, step.apply(changes.getOrDefault(key, counts(key))));
        }
      }
      writeCounts(changes);
      return null;
    });
  }

  /** The entities whose reputation an operation counts towards. */
  private List<Address> countedEntities(PoolEntry entry) {
    PackedUserOperation op = entry.operation();
    List<Address> entities = new ArrayList<>(3);
    if (config.isStaked(entry.stakes().sender())) {
      entities.add(op.sender());
    }
    if (op.factory() != null) {
      entities.add(op.factory());
    }
    if (op.paymaster() != null && !entities.contains(op.paymaster())) {
      entities.add(op.paymaster());
    }
    return entities;
  }

  /**
   * BANNED when {@code opsSeen / denominator > opsIncluded + BAN_SLACK}, THROTTLED when it exceeds
   * {@code opsIncluded + THROTTLING_SLACK}, OK otherwise; the division rounds down.
   */
  private ReputationStatus statusOf(Counts value) {
    long expected = value.opsSeen() / config.minInclusionRateDenominator();
    long included = value.opsIncluded();
    if (expected - config.banSlack() > included) {
      return ReputationStatus.BANNED;
    }
    if (expected - config.throttlingSlack() > included) {
      return ReputationStatus.THROTTLED;
    }
    return ReputationStatus.OK;
  }

  private Counts counts(Key key) {
    return counts.getOrDefault(key, Counts.ZERO);
  }

  private void writeCounts(Map<Key, Counts> changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      store.write(records(changes), decayedThroughHour);
    } catch (RuntimeException e) {
      LOG.warn(
          "reputation of {} entities changed in memory but was not stored: {}",
          changes.size(), e.getMessage());
    }
    apply(changes);
  }

  private void apply(Map<Key, Counts> changes) {
    changes.forEach((key, value) -> {
      if (value.isZero()) {
        counts.remove(key);
      } else {
        counts.put(key, value);
      }
    });
  }

  /** Runs {@code action} under the lock, after catching up with the hourly decay. */
  private <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      decayIfDue();
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void decayIfDue() {
    long hour = hourOf(clock);
    if (hour <= decayedThroughHour) {
      return;
    }
    Map<Key, Counts> decayed = new LinkedHashMap<>();
    counts.forEach((key, value) -> decayed.put(key, value.decayed(hour - decayedThroughHour)));
    try {
      store.write(records(decayed), hour);
    } catch (RuntimeException e) {
      LOG.warn("hourly reputation decay not stored, retrying on the next call: {}", e.getMessage());
      return;
    }
    apply(decayed);
    decayedThroughHour = hour;
  }

  private static long hourOf(Clock clock) {
    return Math.floorDiv(clock.millis(), HOUR_MILLIS);
  }

  private static List<ReputationRecord> records(Map<Key, Counts> changes) {
    List<ReputationRecord> records = new ArrayList<>(changes.size());
    changes.forEach((key, value) ->
        records.add(
            new ReputationRecord(key.entryPoint(), key.entity(), value.opsSeen(), value.opsIncluded())));
    return records;
  }

  private record Key(Address entryPoint, Address entity) {}

  private record Counts(long opsSeen, long opsIncluded) {
    static final Counts ZERO = new Counts(0, 0);

    boolean isZero() {
      return opsSeen == 0 && opsIncluded == 0;
    }

    Counts plusSeen() {
      return new Counts(saturatingIncrement(opsSeen), opsIncluded);
    }

    Counts plusIncluded() {
      return new Counts(opsSeen, saturatingIncrement(opsIncluded));
    }

    /** Both counts after {@code hours} hourly decays; stops early once both are zero. */
    Counts decayed(long hours) {
      long seen = opsSeen;
      long included = opsIncluded;
      for (long i = 0; i < hours && (seen != 0 || included != 0); i++) {
        seen = decayOnce(seen);
        included = decayOnce(included);
      }
      return new Counts(seen, included);
    }

    /** {@code value * 23 / 24} rounded down, without overflowing. */
    private static long decayOnce(long value) {
      return value - (value / 24 + (value % 24 == 0 ? 0 : 1));
    }

    private static long saturatingIncrement(long value) {
      return value == Long.MAX_VALUE ? value : value + 1;
    }
  }
}
