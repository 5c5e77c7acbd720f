package io.seed.bundler.core.entrypoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for a node-backed future on the calling (virtual) thread and rethrows the failure the node
 * client raised ({@code NodeException}, {@code NodeUnavailableException}) instead of its wrapper.
 */
public final class Blocking {
  private Blocking() {}

  /** The future's value, or its own runtime failure. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException wrapped) {
      if (wrapped.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw wrapped;
    }
  }
}
