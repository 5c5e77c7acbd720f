package io.seed.bundler.rpc.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies up to the limit. An oversized request becomes an {@link
 * OversizedRequest} for the request handler, which answers 413 with a JSON-RPC error body instead
 * of Netty's empty one.
 */
final class RequestBodyAggregator extends HttpObjectAggregator {

  RequestBodyAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    // Caught from the Content-Length header, the rest of the body is skipped by the aggregator and
    // the connection stays usable. Caught while streaming a chunked body, the stream's position
    // is lost: close after answering.
    boolean keepAlive = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
    ctx.fireChannelRead(new OversizedRequest(keepAlive));
  }
}
