package io.seed.bundler.rpc.server;

import static io.seed.bundler.rpc.server.EmbeddedConnection.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketFrameHandlerTest {
  private static final String CHAIN_ID =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
  private static final String CHAIN_ID_RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}";

  private final EmbeddedConnection connection =
      new EmbeddedConnection(
          new JsonRpcServerConfig("127.0.0.1", 0, 256, 5, true, List.of()), Map.of());

  @ParameterizedTest
  @ValueSource(strings = {"/", "/rpc"})
  void shouldUpgradeAndAnswerTextFrames(String path) {
    FullHttpResponse handshake = connection.exchange(upgrade(path));

    List<WebSocketFrame> frames = connection.sendFrame(new TextWebSocketFrame(CHAIN_ID));

    assertThat(handshake.status().code()).isEqualTo(101);
    assertThat(texts(frames)).containsExactly(CHAIN_ID_RESULT);
  }

  @Test
  void shouldAnswerSeveralMessagesOnOneConnection() {
    connection.exchange(upgrade("/rpc"));

    assertThat(texts(connection.sendFrame(new TextWebSocketFrame(CHAIN_ID))))
        .containsExactly(CHAIN_ID_RESULT);
    assertThat(texts(connection.sendFrame(new TextWebSocketFrame("[" + CHAIN_ID + "]"))))
        .containsExactly("[" + CHAIN_ID_RESULT + "]");
    assertThat(texts(connection.sendFrame(new TextWebSocketFrame("{oops"))).get(0))
        .contains("-32700");
    assertThat(connection.server.isOpen()).isTrue();
  }

  @Test
  void shouldKeepAQuietWebSocketOpen() {
    connection.exchange(upgrade("/rpc"));

    connection.server.advanceTimeBy(HttpRequestHandler.IDLE_SECONDS * 2L, TimeUnit.SECONDS);
    connection.server.runScheduledPendingTasks();

    assertThat(connection.server.isOpen()).isTrue();
  }

  @Test
  void shouldSendNothingForNotification() {
    connection.exchange(upgrade("/rpc"));

    assertThat(
            connection.sendFrame(
                new TextWebSocketFrame("{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}")))
        .isEmpty();
  }

  @Test
  void shouldAnswerPingWithPong() {
    connection.exchange(upgrade("/rpc"));

    List<WebSocketFrame> frames =
        connection.sendFrame(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7})));

    assertThat(frames).singleElement().isInstanceOf(PongWebSocketFrame.class);
  }

  @Test
  void shouldCloseWithMessageTooBigForOversizedMessage() {
    connection.exchange(upgrade("/rpc"));

    List<WebSocketFrame> frames = connection.sendFrame(new TextWebSocketFrame("x".repeat(300)));

    assertThat(frames)
        .singleElement()
        .isInstanceOfSatisfying(
            CloseWebSocketFrame.class, close -> assertThat(close.statusCode()).isEqualTo(1009));
    assertThat(connection.server.isOpen()).isFalse();
  }

  @Test
  void shouldCloseWithUnsupportedDataForBinaryFrame() {
    connection.exchange(upgrade("/rpc"));

    List<WebSocketFrame> frames =
        connection.sendFrame(
            new BinaryWebSocketFrame(
                Unpooled.wrappedBuffer(CHAIN_ID.getBytes(StandardCharsets.UTF_8))));

    assertThat(frames)
        .singleElement()
        .isInstanceOfSatisfying(
            CloseWebSocketFrame.class, close -> assertThat(close.statusCode()).isEqualTo(1003));
  }

  @Test
  void shouldNotUpgradeWhenWebSocketIsOff() {
    EmbeddedConnection httpOnly =
        new EmbeddedConnection(
            new JsonRpcServerConfig("127.0.0.1", 0, 256, 5, false, List.of()), Map.of());

    assertThat(httpOnly.exchange(upgrade("/rpc")).status().code()).isEqualTo(405);
  }

  private static List<String> texts(List<WebSocketFrame> frames) {
    return frames.stream().map(f -> ((TextWebSocketFrame) f).text()).toList();
  }
}
