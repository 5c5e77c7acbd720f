package io.seed.bundler.core.node;

import java.net.URI;

/**
 * No usable answer came from the node: it refused the connection, did not answer in time, or sent
 * something that is not a JSON-RPC response. Says which node and why.
 */
public final class NodeUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure of {@code method} at {@code url}; {@code cause} may be {@code null}. */
  public NodeUnavailableException(URI url, String method, String reason, Throwable cause) {
    super(method + " to node " + url + " failed: " + reason, cause);
  }
}
