package io.seed.bundler.core.sessionkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.types.Address;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * What is known in memory about session grants, by {@link GrantKey}: the grant itself, or that the
 * chain has it disabled (read by the node-backed loader, or a revocation seen executed). Entries
 * expire a fixed time after they were written, so state changes nobody reported age out;
 * revocations, reorgs and account upgrades that are seen evict at once through {@link
 * #invalidate} and {@link #invalidateAccounts}. A miss is never a rejection. Every change is
 * counted, so a reader of chain state that started before a change can tell its answer may be
 * stale ({@link #putUnlessChanged}).
 */
public final class GrantCache {
  private final Cache<GrantKey, Entry> entries;
  private final AtomicLong changes = new AtomicLong();

  /** A cached grant, or the knowledge that the key's permission is disabled on chain. */
  private record Entry(SessionGrant grant) {
    static final Entry DISABLED = new Entry(null);
  }

  /**
   * A cache holding at most {@code maximumGrants} entries, each for {@code timeToLive} after it
   * was put; {@code ticker} is its clock (a fake one in tests).
   */
  public GrantCache(Ticker ticker, Duration timeToLive, long maximumGrants) {
    Objects.requireNonNull(ticker, "ticker");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive must be positive");
    }
    if (maximumGrants <= 0) {
      throw new IllegalArgumentException("maximumGrants must be positive");
    }
    this.entries =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(timeToLive)
            .maximumSize(maximumGrants)
            .build();
  }

  /** The grant under {@code key}, if cached, enabled and not expired. */
  public Optional<SessionGrant> find(GrantKey key) {
    Entry entry = entries.getIfPresent(key);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.grant());
  }

  /** True when the chain was last seen to have the permission under {@code key} disabled. */
  public boolean isDisabled(GrantKey key) {
    return entries.getIfPresent(key) == Entry.DISABLED;
  }

  /** Caches {@code grant} under its key, replacing and restarting the life of an older entry. */
  public void put(SessionGrant grant) {
    changes.incrementAndGet();
    entries.put(grant.key(), new Entry(grant));
  }

  /**
   * Records that the permission under {@code key} is not enabled on chain (never installed,
   * uninstalled, its nonce invalidated), so its operations are rejected until the entry expires
   * or an operation enables it again.
   */
  public void putDisabled(GrantKey key) {
    Objects.requireNonNull(key, "key");
    changes.incrementAndGet();
    entries.put(key, Entry.DISABLED);
  }

  /** How many changes the cache has seen; compare with a later value to learn of changes. */
  public long changeCount() {
    return changes.get();
  }

  /**
   * Caches {@code read}, a grant read back from chain state, only if the cache has not changed
   * since it counted {@code changeCount}: state read before an observed install, revocation or use
   * must not overwrite what was observed. A complete grant cached (from enable data, an observed
   * install, or one with no call scope) stays; a partial call scope cached by an earlier read is
   * extended by the one read. Not itself counted as a change, so concurrent reads of other grants
   * still land.
   *
   * @return false when dropped because the cache changed meanwhile
   */
  public boolean putUnlessChanged(SessionGrant read, long changeCount) {
    return putUnlessChanged(read.key(), current -> {
      SessionGrant cached = current == null ? null : current.grant();
      if (cached == null) {
        return new Entry(read);
      }
      PermissionTree known = cached.permissions();
      if (known == null || known.isComplete()) {
        return current;
      }
      PermissionTree scope = read.permissions();
      return new Entry(scope == null || scope.isComplete()
          ? read
          : read.withPermissions(known.extendedWith(scope)));
    }, changeCount);
  }

  /**
   * Records {@code key} as disabled, read from chain state, only if the cache has not changed
   * since it counted {@code changeCount} (see {@link #putUnlessChanged(SessionGrant, long)}).
   *
   * @return true when recorded
   */
  public boolean putDisabledUnlessChanged(GrantKey key, long changeCount) {
    Objects.requireNonNull(key, "key");
    return putUnlessChanged(key, current -> Entry.DISABLED, changeCount);
  }

  /**
   * Every change counts before it touches the map, so a change racing this update either is seen
   * here or lands after it; the update runs atomically with the entry it replaces.
   */
  private boolean putUnlessChanged(GrantKey key, UnaryOperator<Entry> update, long changeCount) {
    boolean[] recorded = {false};
    entries.asMap().compute(key, (ignored, current) -> {
      if (changes.get() != changeCount) {
        return current;
      }
      recorded[0] = true;
      return update.apply(current);
    });
    return recorded[0];
  }

  /** Forgets {@code key} (its counters changed, its block reorged): the next look-up misses. */
  public void invalidate(GrantKey key) {
    changes.incrementAndGet();
    entries.invalidate(key);
  }

  /**
   * Forgets every entry of the {@code accounts} on {@code chainId} (account upgraded, a module
   * uninstalled, a nonce invalidated). Walks the cache once, however many accounts: callers
   * gather a block's accounts first.
   */
  public void invalidateAccounts(long chainId, Set<Address> accounts) {
    if (accounts.isEmpty()) {
      return;
    }
    changes.incrementAndGet();
    entries.asMap().keySet()
        .removeIf(key -> key.chainId() == chainId && accounts.contains(key.account()));
  }

  /** Number of cached entries (approximate while expiries are pending). */
  public long size() {
    return entries.estimatedSize();
  }
}
