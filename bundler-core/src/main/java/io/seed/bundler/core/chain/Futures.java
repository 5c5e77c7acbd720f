package io.seed.bundler.core.chain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for node calls, rethrowing the node client's own exception rather than a wrapper. */
final class Futures {
  private Futures() {}

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException failure) {
      throw failure.getCause() instanceof RuntimeException cause ? cause : failure;
    }
  }
}
