package io.seed.bundler.rpc.jsonrpc;

import java.util.Objects;

/**
 * A JSON-RPC error a method answers with on purpose. Its message reaches the client as it is, so
 * it names the offending field or reason and never carries internals.
 */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RpcError error;
  private final transient Object data;

  /** An error without data. */
  public RpcException(RpcError error, String message) {
    this(error, message, null);
  }

  /** An error whose {@code data} member is {@code data} serialised as JSON ({@code null}: none). */
  public RpcException(RpcError error, String message, Object data) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.data = data;
  }

  /** Shorthand for the most common error: a parameter failed its checks. */
  public static RpcException invalidParams(String message) {
    return new RpcException(RpcError.INVALID_PARAMS, message);
  }

  /** The code. */
  public RpcError error() {
    return error;
  }

  /** The {@code data} member, or {@code null}. */
  public Object data() {
    return data;
  }
}
