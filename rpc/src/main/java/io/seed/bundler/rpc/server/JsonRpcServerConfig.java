package io.seed.bundler.rpc.server;

import java.util.List;
import java.util.Objects;

/**
 * How the JSON-RPC server listens.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one (see {@link JsonRpcServer#localAddress()})
 * @param maxBodyBytes the largest HTTP body or WebSocket message accepted
 * @param maxBatchSize the most requests in one batch
 * @param websocketEnabled whether {@code /} and {@code /rpc} accept a WebSocket upgrade
 * @param corsAllowedOrigins origins allowed by CORS; empty turns CORS off, {@code *} allows any
 */
public record JsonRpcServerConfig(
    String host,
    int port,
    int maxBodyBytes,
    int maxBatchSize,
    boolean websocketEnabled,
    List<String> corsAllowedOrigins) {

  /** One mebibyte, the default body limit. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** The default batch size limit. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 100;

  /** The conventional bundler port. */
  public static final int DEFAULT_PORT = 4337;

  public JsonRpcServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive");
    }
    if (maxBatchSize <= 0) {
      throw new IllegalArgumentException("maxBatchSize must be positive");
    }
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  /** Loopback on the default port, default limits, WebSocket on, CORS off. */
  public static JsonRpcServerConfig defaults() {
    return new JsonRpcServerConfig(
        "127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_SIZE, true, List.of());
  }

  /** The same configuration listening on {@code newHost}:{@code newPort}. */
  public JsonRpcServerConfig withAddress(String newHost, int newPort) {
    return new JsonRpcServerConfig(
        newHost, newPort, maxBodyBytes, maxBatchSize, websocketEnabled, corsAllowedOrigins);
  }
}
