package io.seed.bundler.rpc.server;

import io.netty.channel.Channel;

/**
 * Stops reading from a connection while it has {@code max} requests in flight, so a client that
 * sends faster than the methods run is slowed down by TCP instead of filling memory. Confined to
 * the channel's event loop.
 */
final class InFlightLimit {
  private final int max;
  private int inFlight;

  InFlightLimit(int max) {
    this.max = max;
  }

  void started(Channel channel) {
    inFlight++;
    if (inFlight >= max) {
      channel.config().setAutoRead(false);
    }
  }

  /** True when no request is being worked on. */
  boolean isIdle() {
    return inFlight == 0;
  }

  void finished(Channel channel) {
    inFlight--;
    if (inFlight < max && !channel.config().isAutoRead()) {
      channel.config().setAutoRead(true);
    }
  }
}
