package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.mempool.reputation.Reputation;

/**
 * {@code debug_bundler_clearState}: drops every pending operation and forgets every entity's
 * reputation, so a test starts from nothing; answers {@code "ok"}.
 */
public final class DebugBundlerClearState extends ClearingMethod {

  /** Clears {@code pool}, then {@code reputation}. */
  public DebugBundlerClearState(UserOperationPool pool, Reputation reputation) {
    super("debug_bundler_clearState", pool::clear, reputation::clear);
  }
}
