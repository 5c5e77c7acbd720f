package io.seed.bundler.core.node;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The latest block header, shared by the operations validated close together: one {@code
 * eth_getBlockByNumber} serves every caller for {@code maxAge} after it was sent, and callers
 * arriving while it is in flight wait for the same answer. Under load, validation would otherwise
 * read the same header once per operation. A failed read is not kept: the next caller reads again.
 * Age is measured on a monotonic {@link Ticker}, not the wall clock operations are judged by, which
 * tests fix.
 */
public final class LatestBlockCache {
  private final EthApi eth;
  private final Ticker ticker;
  private final long maxAgeNanos;
  private CompletableFuture<BlockHeader> current;
  private long sentAt;

  /**
   * Reads through {@code eth}, reusing a read for {@code maxAge} (zero: never) as {@code ticker}
   * measures it.
   */
  public LatestBlockCache(EthApi eth, Ticker ticker, Duration maxAge) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge must not be negative");
    }
    this.maxAgeNanos = maxAge.toNanos();
  }

  /** The latest header, as read at most {@code maxAge} ago. */
  public synchronized CompletableFuture<BlockHeader> latest() {
    long now = ticker.read();
    if (current == null || current.isCompletedExceptionally() || now - sentAt >= maxAgeNanos) {
      sentAt = now;
      current = eth.latestBlock();
    }
    return current;
  }
}
