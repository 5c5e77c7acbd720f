package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import java.util.Objects;

/** {@code debug_bundler_clearMempool}: drops every pending operation; answers {@code "ok"}. */
public final class DebugBundlerClearMempool extends NamedMethod {
  private final UserOperationPool pool;

  /** Clears {@code pool}. */
  public DebugBundlerClearMempool(UserOperationPool pool) {
    super("debug_bundler_clearMempool");
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    pool.clear();
    return DebugResults.OK;
  }
}
