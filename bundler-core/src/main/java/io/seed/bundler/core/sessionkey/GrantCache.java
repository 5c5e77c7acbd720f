package io.seed.bundler.core.sessionkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.types.Address;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The session grants known in memory, by {@link GrantKey}. Entries expire a fixed time after they
 * were written, so state changes nobody reported (a silent revocation) age out; revocations, reorgs
 * and account upgrades that are seen evict at once through {@link #invalidate} and {@link
 * #invalidateAccount}. A miss is never a rejection.
 */
public final class GrantCache {
  private final Cache<GrantKey, SessionGrant> grants;

  /**
   * A cache holding at most {@code maximumGrants} grants, each for {@code timeToLive} after it was
   * put; {@code ticker} is its clock (a fake one in tests).
   */
  public GrantCache(Ticker ticker, Duration timeToLive, long maximumGrants) {
    Objects.requireNonNull(ticker, "ticker");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("timeToLive must be positive");
    }
    if (maximumGrants <= 0) {
      throw new IllegalArgumentException("maximumGrants must be positive");
    }
    this.grants =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(timeToLive)
            .maximumSize(maximumGrants)
            .build();
  }

  /** The grant under {@code key}, if cached and not expired. */
  public Optional<SessionGrant> find(GrantKey key) {
    return Optional.ofNullable(grants.getIfPresent(key));
  }

  /** Caches {@code grant} under its key, replacing and restarting the life of an older one. */
  public void put(SessionGrant grant) {
    grants.put(grant.key(), grant);
  }

  /** Drops the grant under {@code key} (revoked, its counters changed, its block reorged). */
  public void invalidate(GrantKey key) {
    grants.invalidate(key);
  }

  /**
   * Drops every grant of {@code account} on {@code chainId} (account upgraded, a module
   * uninstalled, a nonce invalidated). Walks the cache: such events are rare.
   */
  public void invalidateAccount(long chainId, Address account) {
    grants.asMap().keySet()
        .removeIf(key -> key.chainId() == chainId && key.account().equals(account));
  }

  /** Number of cached grants (approximate while expiries are pending). */
  public long size() {
    return grants.estimatedSize();
  }
}
