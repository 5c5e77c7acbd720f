package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Bytes;
import java.util.Optional;

/**
 * The node answered a call with a JSON-RPC error. For a reverted {@code eth_call} or {@code
 * eth_estimateGas} the revert data is in {@link #revertData()}.
 */
public final class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final long code;
  private final String errorMessage;
  private final transient JsonNode data;

  /** An error answer to {@code method}; {@code data} may be {@code null}. */
  public NodeException(String method, long code, String errorMessage, JsonNode data) {
    super("node answered " + method + " with error " + code + ": " + errorMessage);
    this.method = method;
    this.code = code;
    this.errorMessage = errorMessage;
    this.data = data;
  }

  /** The JSON-RPC method that failed. */
  public String method() {
    return method;
  }

  /** The JSON-RPC error code. */
  public long code() {
    return code;
  }

  /** The node's own error message, e.g. {@code execution reverted}. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The error's {@code data} member as sent, when there was one. */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data);
  }

  /** The {@code data} member when it is hex revert data (possibly empty). */
  public Optional<Bytes> revertData() {
    if (data == null || !data.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Bytes.fromHex(data.textValue()));
    } catch (IllegalArgumentException notHex) {
      return Optional.empty();
    }
  }
}
