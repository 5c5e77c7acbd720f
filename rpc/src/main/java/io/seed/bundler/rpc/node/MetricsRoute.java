package io.seed.bundler.rpc.node;

import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.rpc.server.HttpGetRoute;
import io.seed.bundler.rpc.server.HttpReply;

/**
 * {@code GET /metrics} in the Prometheus text format: what operators watch to see the pool fill
 * and the node being asked. The node request counter also proves which paths cost no node call.
 */
final class MetricsRoute implements HttpGetRoute {
  private final NodeClient node;
  private final UserOperationPool pool;

  MetricsRoute(NodeClient node, UserOperationPool pool) {
    this.node = node;
    this.pool = pool;
  }

  @Override
  public HttpReply get() {
    String body =
        "# HELP bundler_node_requests_total JSON-RPC requests sent to the Ethereum node.\n"
            + "# TYPE bundler_node_requests_total counter\n"
            + "bundler_node_requests_total " + node.requestCount() + "\n"
            + "# HELP bundler_mempool_operations UserOperations pending in the mempool.\n"
            + "# TYPE bundler_mempool_operations gauge\n"
            + "bundler_mempool_operations " + pool.size() + "\n";
    return new HttpReply(200, "text/plain; version=0.0.4", body);
  }
}
