package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.UserOperationJson;
import java.util.Objects;

/**
 * {@code debug_bundler_dumpMempool(entryPoint)}: the operations pending for one EntryPoint, in
 * arrival order, each in the same JSON a client sent it in.
 */
public final class DebugBundlerDumpMempool extends NamedMethod {
  private final SupportedEntryPoints entryPoints;
  private final UserOperationPool pool;
  private final UserOperationJson json;

  /** Dumps {@code pool} for the {@code entryPoints} served. */
  public DebugBundlerDumpMempool(
      SupportedEntryPoints entryPoints, UserOperationPool pool, UserOperationJson json) {
    super("debug_bundler_dumpMempool");
    this.entryPoints = Objects.requireNonNull(entryPoints, "entryPoints");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.json = Objects.requireNonNull(json, "json");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(1, 1);
    EntryPoint entryPoint = entryPoints.resolve(request.requiredParam(0, "entryPoint"));
    return pool.dump(entryPoint).stream().map(entry -> json.format(entry.operation())).toList();
  }
}
