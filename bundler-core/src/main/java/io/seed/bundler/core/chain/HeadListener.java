package io.seed.bundler.core.chain;

import io.seed.bundler.core.node.BlockHeader;

/**
 * Told by the {@link ChainWatcher} about each new head of the node's chain, e.g. so the pool can
 * rank operations by their tip at the current base fee. Called on the watcher's thread; keep it
 * short.
 */
@FunctionalInterface
public interface HeadListener {

  /** Listens to nothing. */
  HeadListener NONE = head -> {};

  /** The node's head changed to {@code head}. */
  void newHead(BlockHeader head);
}
