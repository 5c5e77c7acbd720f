package io.seed.bundler.rpc.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Builds the pipeline of a new connection: HTTP codec, body aggregation with the JSON error for
 * oversized bodies, CORS when origins are configured, and the request handler.
 */
final class JsonRpcServerInitializer extends ChannelInitializer<Channel> {
  private final JsonRpcServerConfig config;
  private final JsonRpcProcessor processor;
  private final Executor executor;
  private final Map<String, HttpGetRoute> getRoutes;
  private final CorsConfig cors;

  JsonRpcServerInitializer(
      JsonRpcServerConfig config,
      JsonRpcProcessor processor,
      Executor executor,
      Map<String, HttpGetRoute> getRoutes) {
    this.config = config;
    this.processor = processor;
    this.executor = executor;
    this.getRoutes = Map.copyOf(getRoutes);
    this.cors = config.corsAllowedOrigins().isEmpty() ? null : corsConfig(config);
  }

  @Override
  protected void initChannel(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast("http", new HttpServerCodec());
    pipeline.addLast("aggregator", new RequestBodyAggregator(config.maxBodyBytes(), processor));
    if (cors != null) {
      pipeline.addLast("cors", new CorsHandler(cors));
    }
    pipeline.addLast("rpc", new HttpRequestHandler(processor, executor, getRoutes, config));
  }

  private static CorsConfig corsConfig(JsonRpcServerConfig config) {
    CorsConfigBuilder builder =
        config.corsAllowedOrigins().contains("*")
            ? CorsConfigBuilder.forAnyOrigin()
            : CorsConfigBuilder.forOrigins(config.corsAllowedOrigins().toArray(String[]::new));
    return builder
        .allowedRequestMethods(HttpMethod.POST, HttpMethod.GET, HttpMethod.OPTIONS)
        .allowedRequestHeaders(HttpHeaderNames.CONTENT_TYPE)
        .build();
  }
}
