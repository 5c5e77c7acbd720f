package io.seed.bundler.rpc.methods;

import io.seed.bundler.core.chain.UserOperationLookup;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.wire.UserOperationReceiptJson;
import java.util.Objects;

/**
 * {@code eth_getUserOperationReceipt(userOpHash)}: the ERC-7769 receipt of an included
 * operation, or {@code null} while it is pending or unknown.
 */
public final class EthGetUserOperationReceipt extends NamedMethod {
  private final UserOperationLookup lookup;

  /** Finds receipts through {@code lookup}. */
  public EthGetUserOperationReceipt(UserOperationLookup lookup) {
    super("eth_getUserOperationReceipt");
    this.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  @Override
  public Object execute(JsonRpcRequest request) {
    request.requireParamCount(1, 1);
    return lookup
        .findReceipt(UserOperationHashParam.read(request))
        .map(UserOperationReceiptJson::format)
        .orElse(null);
  }
}
