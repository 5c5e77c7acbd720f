package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.jsonrpc.JsonRpcMethod;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;

/** A method without parameters whose answer is fixed when the node is wired. */
abstract class ConstantResultMethod implements JsonRpcMethod {
  private final String name;
  private final Object result;

  ConstantResultMethod(String name, Object result) {
    this.name = name;
    this.result = result;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    return result;
  }
}
