package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.HexJson;

/** Reads the single {@code userOpHash} parameter of the look-up methods. */
final class UserOperationHashParam {
  private UserOperationHashParam() {}

  static Bytes32 read(JsonRpcRequest request) {
    return HexJson.bytes32(request.requiredParam(0, "userOpHash"), "parameter 'userOpHash'");
  }
}
