package io.seed.bundler.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * A well-formed JSON-RPC request as a method sees it.
 *
 * @param id the request id ({@code null} for a notification)
 * @param method the method name
 * @param params the positional parameters (empty when the request had none)
 */
public record JsonRpcRequest(JsonNode id, String method, ArrayNode params) {
  public JsonRpcRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(params, "params");
  }

  /** True when the request carries no id, so no response is sent. */
  public boolean isNotification() {
    return id == null;
  }

  /**
   * Checks the number of parameters.
   *
   * @throws RpcException {@code -32602} when there are fewer than {@code min} or more than
   *     {@code max}
   */
  public void requireParamCount(int min, int max) {
    int count = params.size();
    if (count < min || count > max) {
      String expected = min == max ? String.valueOf(min) : min + " to " + max;
      throw RpcException.invalidParams(
          "expected " + expected + " parameters, got " + count);
    }
  }

  /**
   * The parameter at {@code index}, present and not {@code null}.
   *
   * @throws RpcException {@code -32602} naming the parameter when it is absent or {@code null}
   */
  public JsonNode requiredParam(int index, String name) {
    JsonNode value = param(index);
    if (value.isNull()) {
      throw RpcException.invalidParams("missing required parameter '" + name + "'");
    }
    return value;
  }

  /** The parameter at {@code index}, or JSON {@code null} when it is absent. */
  public JsonNode param(int index) {
    return index < params.size() ? params.get(index) : NullNode.getInstance();
  }
}
