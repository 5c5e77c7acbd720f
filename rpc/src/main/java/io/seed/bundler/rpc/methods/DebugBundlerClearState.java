package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import java.util.Objects;

/**
 * {@code debug_bundler_clearState}: drops every pending operation and forgets every entity's
 * reputation, so a test starts from nothing; answers {@code "ok"}.
 */
public final class DebugBundlerClearState extends NamedMethod {
  private final UserOperationPool pool;
  private final Reputation reputation;

  /** Clears {@code pool} and {@code reputation}. */
  public DebugBundlerClearState(UserOperationPool pool, Reputation reputation) {
    super("debug_bundler_clearState");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.reputation = Objects.requireNonNull(reputation, "reputation");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    pool.clear();
    reputation.clear();
    return DebugResults.OK;
  }
}
