package io.seed.bundler.rpc.methods;

import io.seed.bundler.rpc.jsonrpc.JsonRpcMethod;

/** Holds a method's wire name, so each method class is only its behaviour. */
abstract class NamedMethod implements JsonRpcMethod {
  private final String name;

  NamedMethod(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }
}
