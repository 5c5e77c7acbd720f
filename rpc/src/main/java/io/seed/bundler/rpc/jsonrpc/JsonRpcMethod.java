package io.seed.bundler.rpc.jsonrpc;

import io.seed.bundler.core.validation.UserOperationRejectedException;

/**
 * One JSON-RPC method. Implementations are plain synchronous code: the server runs each call on
 * its own virtual thread, so blocking on a node round-trip is fine.
 */
public interface JsonRpcMethod {

  /** The wire name, e.g. {@code eth_chainId}. */
  String name();

  /**
   * Runs the method.
   *
   * @return the result, serialised by Jackson ({@code null} becomes JSON {@code null})
   * @throws RpcException for an error the method answers with on purpose
   * @throws UserOperationRejectedException when validation refuses an operation
   */
  Object execute(JsonRpcRequest request) throws UserOperationRejectedException;
}
