package io.seed.bundler.rpc.methods;

import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import java.util.Objects;

/**
 * {@code debug_bundler_clearReputation}: forgets every entity's reputation under every EntryPoint;
 * answers {@code "ok"}.
 */
public final class DebugBundlerClearReputation extends NamedMethod {
  private final Reputation reputation;

  /** Clears {@code reputation}. */
  public DebugBundlerClearReputation(Reputation reputation) {
    super("debug_bundler_clearReputation");
    this.reputation = Objects.requireNonNull(reputation, "reputation");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    reputation.clear();
    return DebugResults.OK;
  }
}
