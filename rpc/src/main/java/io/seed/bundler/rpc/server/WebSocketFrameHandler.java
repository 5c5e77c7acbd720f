package io.seed.bundler.rpc.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves JSON-RPC over one WebSocket connection: each text message is a payload, processed on the
 * executor. Unlike HTTP, requests run concurrently and answer in completion order; clients match
 * responses by id.
 */
final class WebSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameHandler.class);
  private static final int MAX_IN_FLIGHT = 64;

  private final JsonRpcProcessor processor;
  private final Executor executor;
  private final InFlightLimit inFlight = new InFlightLimit(MAX_IN_FLIGHT);

  private WebSocketFrameHandler(JsonRpcProcessor processor, Executor executor) {
    this.processor = processor;
    this.executor = executor;
  }

  /**
   * Adds the WebSocket handlers after the handler named {@code after}, for an upgrade request to
   * {@code uri}; the request must then be passed on to them to complete the handshake. Netty's
   * protocol handler answers pings, completes the closing handshake and enforces the frame limit.
   */
  static void install(
      ChannelPipeline pipeline,
      String after,
      String uri,
      JsonRpcProcessor processor,
      Executor executor,
      JsonRpcServerConfig config) {
    WebSocketServerProtocolConfig protocol =
        WebSocketServerProtocolConfig.newBuilder()
            .websocketPath(uri)
            .maxFramePayloadLength(config.maxBodyBytes())
            .allowExtensions(false)
            .build();
    pipeline.addAfter(after, "ws-protocol", new WebSocketServerProtocolHandler(protocol));
    pipeline.addAfter(
        "ws-protocol", "ws-aggregator", new WebSocketFrameAggregator(config.maxBodyBytes()));
    pipeline.addAfter("ws-aggregator", "ws-rpc", new WebSocketFrameHandler(processor, executor));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE);
      return;
    }
    byte[] payload = ByteBufUtil.getBytes(frame.content());
    inFlight.started(ctx.channel());
    try {
      executor.execute(() -> process(ctx, payload));
    } catch (RejectedExecutionException e) {
      // Only while the server shuts down.
      ctx.close();
    }
  }

  private void process(ChannelHandlerContext ctx, byte[] payload) {
    try {
      processor
          .process(payload)
          .ifPresent(
              body -> ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(body))));
    } finally {
      try {
        ctx.executor().execute(() -> inFlight.finished(ctx.channel()));
      } catch (RejectedExecutionException e) {
        LOG.debug("event loop gone before a WebSocket request finished", e);
      }
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
    } else {
      LOG.debug("closing WebSocket {} after an error", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }

  private static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
    ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(ChannelFutureListener.CLOSE);
  }
}
