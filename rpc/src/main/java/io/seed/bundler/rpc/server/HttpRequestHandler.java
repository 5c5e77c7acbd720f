package io.seed.bundler.rpc.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection: JSON-RPC over POST, the GET routes, and the hand-over to WebSocket.
 * Work runs on the executor; responses leave in request order because each request's work is
 * chained behind the previous one's.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
  private static final String JSON = "application/json";

  /**
   * How long a connection may go without a request while none is in flight, longer than clients
   * keep idle connections. Counted from the last response, so a client that trickles a request's
   * bytes does not hold the connection forever.
   */
  static final long IDLE_SECONDS = 120;

  // HTTP/1.1 answers in order, so more than one request in flight buys nothing.
  private static final int MAX_IN_FLIGHT = 1;

  private final JsonRpcProcessor processor;
  private final Executor executor;
  private final Map<String, HttpGetRoute> getRoutes;
  private final JsonRpcServerConfig config;
  private final InFlightLimit inFlight = new InFlightLimit(MAX_IN_FLIGHT);
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> idleClose;

  HttpRequestHandler(
      JsonRpcProcessor processor,
      Executor executor,
      Map<String, HttpGetRoute> getRoutes,
      JsonRpcServerConfig config) {
    this.processor = processor;
    this.executor = executor;
    this.getRoutes = getRoutes;
    this.config = config;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    armIdleClose(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarmIdleClose();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    disarmIdleClose();
    if (msg instanceof OversizedRequest oversized) {
      enqueue(ctx, oversized.keepAlive(), oversized::response);
    } else if (msg instanceof FullHttpRequest request) {
      try {
        route(ctx, request);
      } finally {
        request.release();
      }
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      enqueue(ctx, false, () -> error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"));
      return;
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String path = new QueryStringDecoder(request.uri()).path();
    boolean rpcPath = "/".equals(path) || "/rpc".equals(path);
    HttpMethod method = request.method();
    if (rpcPath && HttpMethod.POST.equals(method)) {
      if (!isJson(request)) {
        enqueue(
            ctx,
            keepAlive,
            () ->
                error(
                    HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "content type must be application/json"));
        return;
      }
      byte[] payload = ByteBufUtil.getBytes(request.content());
      enqueue(
          ctx,
          keepAlive,
          () ->
              processor
                  .process(payload)
                  .map(body -> response(HttpResponseStatus.OK, JSON, body))
                  .orElseGet(() -> response(HttpResponseStatus.NO_CONTENT, JSON, new byte[0])));
    } else if (rpcPath && config.websocketEnabled() && isWebSocketUpgrade(request)) {
      upgrade(ctx, request);
    } else if (HttpMethod.GET.equals(method) && getRoutes.containsKey(path)) {
      HttpGetRoute route = getRoutes.get(path);
      enqueue(ctx, keepAlive, () -> reply(route.get()));
    } else if (rpcPath || getRoutes.containsKey(path)) {
      enqueue(
          ctx,
          keepAlive,
          () -> {
            FullHttpResponse response =
                error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
            response.headers().set(HttpHeaderNames.ALLOW, rpcPath ? "POST" : "GET");
            return response;
          });
    } else {
      enqueue(ctx, keepAlive, () -> error(HttpResponseStatus.NOT_FOUND, "not found"));
    }
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    WebSocketFrameHandler.install(
        ctx.pipeline(), ctx.name(), request.uri(), processor, executor, config);
    ctx.fireChannelRead(request.retain());
    ctx.pipeline().remove(this);
  }

  /**
   * Runs {@code work} on the executor after the connection's earlier requests, then writes its
   * response. {@code work} must not throw: a failure here is a bug, logged, and the connection is
   * closed rather than left without an answer.
   */
  private void enqueue(
      ChannelHandlerContext ctx, boolean keepAlive, Supplier<FullHttpResponse> work) {
    inFlight.started(ctx.channel());
    previous =
        previous
            .thenRunAsync(() -> write(ctx, work.get(), keepAlive), executor)
            .exceptionally(
                failure -> {
                  LOG.error("HTTP request handling failed", failure);
                  ctx.close();
                  return null;
                });
  }

  private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
    HttpUtil.setContentLength(response, response.content().readableBytes());
    HttpUtil.setKeepAlive(response, keepAlive);
    ctx.writeAndFlush(response)
        .addListener(
            future -> {
              inFlight.finished(ctx.channel());
              if (!keepAlive || !future.isSuccess()) {
                ctx.close();
              } else if (inFlight.isIdle()) {
                armIdleClose(ctx);
              }
            });
  }

  private FullHttpResponse reply(HttpReply reply) {
    return response(
        HttpResponseStatus.valueOf(reply.status()),
        reply.contentType() + "; charset=utf-8",
        reply.body().getBytes(StandardCharsets.UTF_8));
  }

  private FullHttpResponse error(HttpResponseStatus status, String message) {
    return response(status, JSON, processor.errorResponse(RpcError.INVALID_REQUEST, message));
  }

  private static FullHttpResponse response(
      HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (body.length > 0) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    return response;
  }

  private static boolean isJson(FullHttpRequest request) {
    CharSequence mimeType = HttpUtil.getMimeType(request);
    return mimeType != null && HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mimeType);
  }

  private static boolean isWebSocketUpgrade(FullHttpRequest request) {
    return HttpMethod.GET.equals(request.method())
        && request
            .headers()
            .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  /** Runs on the event loop, like every other use of {@code idleClose}. */
  private void armIdleClose(ChannelHandlerContext ctx) {
    disarmIdleClose();
    idleClose = ctx.executor().schedule(() -> ctx.close(), IDLE_SECONDS, TimeUnit.SECONDS);
  }

  private void disarmIdleClose() {
    if (idleClose != null) {
      idleClose.cancel(false);
      idleClose = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("closing HTTP connection {} after an error", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
