package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.UserOperationPool;

/** {@code debug_bundler_clearMempool}: drops every pending operation; answers {@code "ok"}. */
public final class DebugBundlerClearMempool extends ClearingMethod {

  /** Clears {@code pool}. */
  public DebugBundlerClearMempool(UserOperationPool pool) {
    super("debug_bundler_clearMempool", pool::clear);
  }
}
