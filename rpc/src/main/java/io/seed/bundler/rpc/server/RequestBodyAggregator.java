package io.seed.bundler.rpc.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcError;

/**
 * Aggregates request bodies up to the limit and answers a body over it with 413 and a JSON-RPC
 * error body instead of Netty's empty one: an oversized request becomes an {@link OversizedRequest}
 * for the request handler, and a request that waits for {@code 100 Continue} is refused at once.
 */
final class RequestBodyAggregator extends HttpObjectAggregator {
  private final byte[] tooLargeBody;

  RequestBodyAggregator(int maxBodyBytes, JsonRpcProcessor processor) {
    super(maxBodyBytes);
    this.tooLargeBody =
        processor.errorResponse(
            RpcError.INVALID_REQUEST, "request body exceeds " + maxBodyBytes + " bytes");
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    // Caught from the Content-Length header, the rest of the body is skipped by the aggregator and
    // the connection stays usable. Caught while streaming a chunked body, the stream's position
    // is lost: close after answering.
    boolean keepAlive = !(oversized instanceof FullHttpMessage) && HttpUtil.isKeepAlive(oversized);
    ctx.fireChannelRead(new OversizedRequest(tooLarge(), keepAlive));
  }

  @Override
  protected Object newContinueResponse(
      HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object response = super.newContinueResponse(start, maxContentLength, pipeline);
    if (response instanceof FullHttpResponse refusal
        && HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.equals(refusal.status())) {
      refusal.release();
      FullHttpResponse tooLarge = tooLarge();
      HttpUtil.setContentLength(tooLarge, tooLargeBody.length);
      return tooLarge;
    }
    return response;
  }

  private FullHttpResponse tooLarge() {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
            Unpooled.wrappedBuffer(tooLargeBody));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return response;
  }
}
