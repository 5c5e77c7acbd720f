package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.UserOperationJson;

/**
 * Reads the {@code (userOp, entryPoint)} parameters that sending and estimating share. The
 * EntryPoint is read first: its version decides the operation's layout.
 */
final class UserOperationParams {
  private final SupportedEntryPoints entryPoints;
  private final UserOperationJson json;

  UserOperationParams(SupportedEntryPoints entryPoints, UserOperationJson json) {
    this.entryPoints = entryPoints;
    this.json = json;
  }

  /** An operation sent for inclusion. */
  Target forInclusion(JsonRpcRequest request) {
    EntryPoint entryPoint = entryPoints.resolve(request.requiredParam(1, "entryPoint"));
    return new Target(
        json.parse(request.requiredParam(0, "userOp"), entryPoint.version()), entryPoint);
  }

  /** An operation sent for estimation, whose gas fields may be missing. */
  Target forEstimation(JsonRpcRequest request) {
    EntryPoint entryPoint = entryPoints.resolve(request.requiredParam(1, "entryPoint"));
    return new Target(
        json.parseForEstimation(request.requiredParam(0, "userOp"), entryPoint.version()),
        entryPoint);
  }

  /** An operation and the EntryPoint it is meant for. */
  record Target(PackedUserOperation operation, EntryPoint entryPoint) {}
}
