package io.seed.bundler.rpc.server;

import static io.seed.bundler.rpc.server.EmbeddedConnection.body;
import static io.seed.bundler.rpc.server.EmbeddedConnection.get;
import static io.seed.bundler.rpc.server.EmbeddedConnection.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestHandlerTest {
  private static final String CHAIN_ID =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
  private static final String CHAIN_ID_RESULT =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}";

  private final HealthRoute health = new HealthRoute();
  private final EmbeddedConnection connection =
      new EmbeddedConnection(smallBodies(), Map.of("/health", health));

  private static JsonRpcServerConfig smallBodies() {
    return new JsonRpcServerConfig("127.0.0.1", 0, 256, 5, true, List.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/rpc", "/rpc?client=viem"})
  void shouldAnswerSingleRequestOnBothPaths(String path) {
    FullHttpResponse response = connection.exchange(post(path, CHAIN_ID));

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(body(response)).isEqualTo(CHAIN_ID_RESULT);
  }

  @Test
  void shouldAcceptJsonWithCharsetParameter() {
    FullHttpResponse response =
        connection.exchange(post("/", "Application/JSON; charset=utf-8", CHAIN_ID, ""));

    assertThat(body(response)).isEqualTo(CHAIN_ID_RESULT);
  }

  @Test
  void shouldAnswerBatch() {
    FullHttpResponse response =
        connection.exchange(
            post(
                "/",
                "["
                    + CHAIN_ID
                    + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"web3_clientVersion\"}]"));

    assertThat(body(response))
        .isEqualTo(
            "["
                + CHAIN_ID_RESULT
                + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"seed-bundler/test\"}]");
  }

  @Test
  void shouldAnswerNotificationWithNoContent() {
    FullHttpResponse response =
        connection.exchange(post("/", "{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}"));

    assertThat(response.status().code()).isEqualTo(204);
    assertThat(response.content().readableBytes()).isZero();
  }

  @Test
  void shouldAnswerMalformedJsonWithParseError() {
    FullHttpResponse response = connection.exchange(post("/", "{\"jsonrpc\":"));

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(body(response)).contains("\"code\":-32700");
  }

  @Test
  void shouldAnswerUnknownMethod() {
    FullHttpResponse response =
        connection.exchange(
            post("/", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"debug_bundler_clearState\"}"));

    assertThat(body(response))
        .contains("\"code\":-32601", "method not found: debug_bundler_clearState");
  }

  @Test
  void shouldAnswerOversizedBodyWith413AndKeepServing() {
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\""
            + "a".repeat(300)
            + "\"]}";

    List<FullHttpResponse> responses = connection.send(post("/", big) + post("/", CHAIN_ID));

    assertThat(responses).hasSize(2);
    assertThat(responses.get(0).status().code()).isEqualTo(413);
    assertThat(body(responses.get(0)))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"request body"
                + " exceeds 256 bytes\"}}");
    assertThat(body(responses.get(1))).isEqualTo(CHAIN_ID_RESULT);
    assertThat(connection.server.isOpen()).isTrue();
  }

  @Test
  void shouldRefuseOversizedBodyBeforeItIsSentWhenClientWaitsForContinue() {
    String head =
        "POST /rpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n";

    FullHttpResponse refusal = connection.exchange(head);

    assertThat(refusal.status().code()).isEqualTo(413);
    assertThat(refusal.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(body(refusal)).contains("\"code\":-32600", "request body exceeds 256 bytes");
    assertThat(body(connection.exchange(post("/", CHAIN_ID)))).isEqualTo(CHAIN_ID_RESULT);
  }

  @Test
  void shouldAnswerOversizedChunkedBodyWith413AndClose() {
    String chunk = "a".repeat(200);
    String raw =
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n"
            + Integer.toHexString(chunk.length())
            + "\r\n"
            + chunk
            + "\r\n0\r\n\r\n";

    FullHttpResponse response = connection.exchange(raw);

    assertThat(response.status().code()).isEqualTo(413);
    assertThat(body(response)).contains("request body exceeds 256 bytes");
    assertThat(connection.server.isOpen()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded"})
  void shouldRefuseContentThatIsNotJson(String contentType) {
    FullHttpResponse response = connection.exchange(post("/", contentType, CHAIN_ID, ""));

    assertThat(response.status().code()).isEqualTo(415);
    assertThat(body(response)).contains("\"code\":-32600", "content type must be application/json");
  }

  @Test
  void shouldRefuseBodyWithoutContentType() {
    assertThat(connection.exchange(post("/", null, CHAIN_ID, "")).status().code()).isEqualTo(415);
  }

  @Test
  void shouldReportHealthOnlyOnceReady() {
    FullHttpResponse before = connection.exchange(get("/health"));
    health.markReady();
    FullHttpResponse after = connection.exchange(get("/health"));

    assertThat(before.status().code()).isEqualTo(503);
    assertThat(after.status().code()).isEqualTo(200);
    assertThat(body(after)).isEqualTo("{\"status\":\"ok\"}");
    assertThat(after.headers().get(HttpHeaderNames.CONTENT_TYPE))
        .isEqualTo("application/json; charset=utf-8");
  }

  @Test
  void shouldAnswerNotFoundForUnknownPath() {
    assertThat(connection.exchange(get("/metrics")).status().code()).isEqualTo(404);
    assertThat(connection.exchange(post("/other", CHAIN_ID)).status().code()).isEqualTo(404);
  }

  @Test
  void shouldAnswerMethodNotAllowedOnKnownPaths() {
    FullHttpResponse getRpc = connection.exchange(get("/rpc"));
    FullHttpResponse postHealth = connection.exchange(post("/health", CHAIN_ID));

    assertThat(getRpc.status().code()).isEqualTo(405);
    assertThat(getRpc.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("POST");
    assertThat(postHealth.status().code()).isEqualTo(405);
    assertThat(postHealth.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET");
  }

  @Test
  void shouldServeManyRequestsOnOneKeptAliveConnection() {
    for (int i = 0; i < 3; i++) {
      assertThat(body(connection.exchange(post("/", CHAIN_ID)))).isEqualTo(CHAIN_ID_RESULT);
    }
    assertThat(connection.server.isOpen()).isTrue();
  }

  @Test
  void shouldAnswerPipelinedRequestsInOrder() {
    String second = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"web3_clientVersion\"}";

    List<FullHttpResponse> responses =
        connection.send(post("/", CHAIN_ID) + get("/health") + post("/", second));

    assertThat(responses).extracting(r -> r.status().code()).containsExactly(200, 503, 200);
    assertThat(body(responses.get(0))).isEqualTo(CHAIN_ID_RESULT);
    assertThat(body(responses.get(2))).contains("seed-bundler/test");
  }

  @Test
  void shouldCloseAConnectionLeftUnused() {
    connection.exchange(post("/", CHAIN_ID));

    connection.server.advanceTimeBy(HttpRequestHandler.IDLE_SECONDS - 1, TimeUnit.SECONDS);
    connection.server.runScheduledPendingTasks();
    boolean openBefore = connection.server.isOpen();
    connection.server.advanceTimeBy(2, TimeUnit.SECONDS);
    connection.server.runScheduledPendingTasks();

    assertThat(openBefore).isTrue();
    assertThat(connection.server.isOpen()).isFalse();
  }

  @Test
  void shouldCloseAConnectionThatNeverCompletesARequest() {
    connection.send("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Le");

    connection.server.advanceTimeBy(HttpRequestHandler.IDLE_SECONDS + 1, TimeUnit.SECONDS);
    connection.server.runScheduledPendingTasks();

    assertThat(connection.server.isOpen()).isFalse();
  }

  @Test
  void shouldCloseWhenClientAsksForIt() {
    FullHttpResponse response =
        connection.exchange(post("/", "application/json", CHAIN_ID, "Connection: close\r\n"));

    assertThat(body(response)).isEqualTo(CHAIN_ID_RESULT);
    assertThat(connection.server.isOpen()).isFalse();
  }

  @Test
  void shouldAnswerGarbageWithBadRequestAndClose() {
    FullHttpResponse response = connection.exchange("\u0000\u0001garbage\r\n\r\n");

    assertThat(response.status().code()).isEqualTo(400);
    assertThat(body(response)).doesNotContain("Exception");
    assertThat(connection.server.isOpen()).isFalse();
  }

  @Test
  void shouldSurviveBinaryGarbageInTheBody() {
    byte[] garbage = new byte[200];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 37);
    }
    String head =
        "POST / HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: 200\r\n\r\n";
    byte[] raw = new byte[head.length() + garbage.length];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, raw, 0, head.length());
    System.arraycopy(garbage, 0, raw, head.length(), garbage.length);

    List<FullHttpResponse> responses = connection.send(raw);

    assertThat(responses).hasSize(1);
    assertThat(body(responses.get(0))).contains("\"code\":-32700");
    assertThat(body(connection.exchange(post("/", CHAIN_ID)))).isEqualTo(CHAIN_ID_RESULT);
  }

  @Test
  void shouldAnswerCorsPreflightForAllowedOrigin() {
    String preflight =
        "OPTIONS /rpc HTTP/1.1\r\n"
            + "Host: localhost\r\n"
            + "Origin: https://app.example\r\n"
            + "Access-Control-Request-Method: POST\r\n"
            + "Access-Control-Request-Headers: content-type\r\n\r\n";

    FullHttpResponse response = corsConnection().exchange(preflight);

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))
        .contains("POST");
    assertThat(response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isEqualTo("https://app.example");
  }

  @Test
  void shouldAllowCallFromAllowedOrigin() {
    FullHttpResponse call =
        corsConnection()
            .exchange(
                post("/rpc", "application/json", CHAIN_ID, "Origin: https://app.example\r\n"));

    assertThat(call.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isEqualTo("https://app.example");
  }

  private static EmbeddedConnection corsConnection() {
    return new EmbeddedConnection(
        new JsonRpcServerConfig("127.0.0.1", 0, 1024, 5, true, List.of("https://app.example")),
        Map.of());
  }

  @Test
  void shouldSendNoCorsHeadersWhenCorsIsOff() {
    FullHttpResponse call =
        connection.exchange(
            post("/rpc", "application/json", CHAIN_ID, "Origin: https://app.example\r\n"));

    assertThat(call.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
  }
}
