package io.seed.bundler.rpc.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcProcessor;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import io.seed.bundler.rpc.methods.EthChainId;
import io.seed.bundler.rpc.methods.EthSupportedEntryPoints;
import io.seed.bundler.rpc.methods.SupportedEntryPoints;
import io.seed.bundler.rpc.methods.Web3ClientVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * One server-side connection in an {@link EmbeddedChannel}, with the server's real pipeline and
 * a direct executor, plus client-side codecs to write requests and read responses as bytes.
 */
final class EmbeddedConnection {
  static final String CLIENT_VERSION = "seed-bundler/test";

  final EmbeddedChannel server;
  private final EmbeddedChannel httpResponses =
      new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(16 * 1024 * 1024));
  private final EmbeddedChannel frameEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
  private final EmbeddedChannel frameDecoder =
      new EmbeddedChannel(new WebSocket13FrameDecoder(false, false, 16 * 1024 * 1024));

  EmbeddedConnection(JsonRpcServerConfig config, Map<String, HttpGetRoute> routes) {
    server =
        new EmbeddedChannel(
            new JsonRpcServerInitializer(config, new JsonRpcProcessor(registry(), config.maxBatchSize()), Runnable::run, routes));
  }

  static JsonRpcMethodRegistry registry() {
    return JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH, RpcNamespace.WEB3))
        .group(
            RpcNamespace.ETH,
            List.of(
                new EthChainId(31_337),
                new EthSupportedEntryPoints(
                    new SupportedEntryPoints(List.of(EntryPoint.canonical(EntryPointVersion.V0_7))))))
        .group(RpcNamespace.WEB3, List.of(new Web3ClientVersion(CLIENT_VERSION)))
        .build();
  }

  static String post(String path, String body) {
    return post(path, "application/json", body, "");
  }

  static String post(String path, String contentType, String body, String extraHeaders) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
        + extraHeaders + "\r\n" + body;
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  static String upgrade(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n";
  }

  /** Writes raw bytes as the client and returns every complete HTTP response sent back. */
  List<FullHttpResponse> send(String raw) {
    return send(raw.getBytes(StandardCharsets.UTF_8));
  }

  List<FullHttpResponse> send(byte[] raw) {
    server.writeInbound(Unpooled.wrappedBuffer(raw));
    drain(httpResponses);
    List<FullHttpResponse> responses = new ArrayList<>();
    for (Object msg; (msg = httpResponses.readInbound()) != null; ) {
      responses.add((FullHttpResponse) msg);
    }
    return responses;
  }

  /** Sends one request and returns its only response. */
  FullHttpResponse exchange(String raw) {
    List<FullHttpResponse> responses = send(raw);
    if (responses.size() != 1) {
      throw new AssertionError("expected one response, got " + responses.size());
    }
    return responses.get(0);
  }

  /** Sends a frame as a client would (masked) and returns the frames the server sent back. */
  List<WebSocketFrame> sendFrame(WebSocketFrame frame) {
    frameEncoder.writeOutbound(frame);
    for (ByteBuf encoded; (encoded = frameEncoder.readOutbound()) != null; ) {
      server.writeInbound(encoded);
    }
    drain(frameDecoder);
    List<WebSocketFrame> frames = new ArrayList<>();
    for (Object msg; (msg = frameDecoder.readInbound()) != null; ) {
      frames.add((WebSocketFrame) msg);
    }
    return frames;
  }

  private void drain(EmbeddedChannel client) {
    for (ByteBuf out; (out = server.readOutbound()) != null; ) {
      client.writeInbound(out);
    }
  }

  static String body(FullHttpResponse response) {
    return response.content().toString(StandardCharsets.UTF_8);
  }
}
