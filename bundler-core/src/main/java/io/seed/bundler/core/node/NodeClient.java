package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous JSON-RPC access to an Ethereum node.
 *
 * <p>A returned future completes with the call's {@code result} (a {@code NullNode} when the node
 * answered {@code null}), or exceptionally with {@link NodeException} when the node answered with
 * a JSON-RPC error, or with {@link NodeUnavailableException} when no usable answer arrived in time.
 */
public interface NodeClient extends AutoCloseable {

  /**
   * Sends one call. Parameters are serialised with {@link EthJsonModule}: {@code Address}, {@code
   * Bytes32} and {@code Bytes} become hex data, {@code BigInteger} a hex quantity; pass other
   * numbers as {@code BigInteger} or as ready hex strings.
   */
  CompletableFuture<JsonNode> request(String method, Object... params);

  /** How many JSON-RPC calls this client has sent to the node since it was created. */
  long requestCount();

  /** Fails the calls not yet sent and releases the connections. */
  @Override
  void close();
}
