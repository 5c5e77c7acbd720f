package io.seed.bundler.rpc.server;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /health}: 503 until the node marks itself ready, then 200 {@code {"status":"ok"}}, so
 * a load balancer sends no traffic to a bundler that is still starting.
 */
public final class HealthRoute implements HttpGetRoute {
  private final AtomicBoolean ready = new AtomicBoolean();

  /** Reports ready from now on. */
  public void markReady() {
    ready.set(true);
  }

  /** Reports not ready from now on, e.g. while shutting down. */
  public void markNotReady() {
    ready.set(false);
  }

  /** Whether the node reported ready. */
  public boolean isReady() {
    return ready.get();
  }

  @Override
  public HttpReply get() {
    return ready.get()
        ? HttpReply.json(200, "{\"status\":\"ok\"}")
        : HttpReply.json(503, "{\"status\":\"starting\"}");
  }
}
