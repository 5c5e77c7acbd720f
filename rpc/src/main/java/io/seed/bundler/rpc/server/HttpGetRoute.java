package io.seed.bundler.rpc.server;

/**
 * A plain GET endpoint next to JSON-RPC, such as {@code /health} or {@code /metrics}. It runs on
 * a virtual thread, so it may block briefly.
 */
@FunctionalInterface
public interface HttpGetRoute {

  /** The reply to one GET request. */
  HttpReply get();
}
