package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import java.util.List;

/** A debug method without parameters that empties state, in the given order, and answers "ok". */
abstract class ClearingMethod extends NamedMethod {
  private final List<Runnable> clears;

  ClearingMethod(String name, Runnable... clears) {
    super(name);
    this.clears = List.of(clears);
  }

  @Override
  public final Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    clears.forEach(Runnable::run);
    return DebugResults.OK;
  }
}
