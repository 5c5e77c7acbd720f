package io.seed.bundler.rpc.methods;

import io.seed.bundler.mempool.reputation.Reputation;

/**
 * {@code debug_bundler_clearReputation}: forgets every entity's reputation under every EntryPoint;
 * answers {@code "ok"}.
 */
public final class DebugBundlerClearReputation extends ClearingMethod {

  /** Clears {@code reputation}. */
  public DebugBundlerClearReputation(Reputation reputation) {
    super("debug_bundler_clearReputation", reputation::clear);
  }
}
