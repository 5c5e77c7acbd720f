package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;

/** A method without parameters whose answer is fixed when the node is wired. */
abstract class ConstantResultMethod extends NamedMethod {
  private final Object result;

  ConstantResultMethod(String name, Object result) {
    super(name);
    this.result = result;
  }

  @Override
  public final Object execute(JsonRpcRequest request) {
    request.requireParamCount(0, 0);
    return result;
  }
}
