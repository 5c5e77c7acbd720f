package io.seed.bundler.core.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a node-backed future on the calling (virtual) thread and rethrows the failure the node
 * client raised ({@link NodeException}, {@link NodeUnavailableException}) instead of its wrapper,
 * so callers and the RPC layer see the real cause.
 */
public final class NodeFutures {
  private NodeFutures() {}

  /** The future's value, or its own runtime failure. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException wrapped) {
      throw wrapped.getCause() instanceof RuntimeException cause ? cause : wrapped;
    }
  }
}
