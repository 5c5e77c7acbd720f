package io.seed.bundler.core.erc7562;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/*
 * A node without debug_traceCall is a fault anvil cannot show (it traces), so a tiny JSON-RPC
 * server answers every call with "method not found", as such a node does.
 */
class SafeModeDetectionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;

  @BeforeEach
  void startNodeWithoutTracing() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", SafeModeDetectionTest::methodNotFound);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void shouldRefuseANodeWithoutDebugTraceCallNamingItAndUnsafe() {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    try (HttpNodeClient node = new HttpNodeClient(NodeClientConfig.of(url))) {
      Throwable failure =
          SafeMode.detect(node, new SafeModeConfig(BigInteger.ONE, Duration.ofDays(1)))
              .handle((safeMode, error) -> error)
              .join();

      assertThat(failure).isInstanceOf(CompletionException.class);
      assertThat(failure.getCause())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("debug_traceCall")
          .hasMessageContaining("--unsafe");
    }
  }

  private static void methodNotFound(HttpExchange exchange) throws IOException {
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    JsonNode answer;
    if (request.isArray()) {
      ArrayNode answers = JSON.createArrayNode();
      request.forEach(call -> answers.add(error(call)));
      answer = answers;
    } else {
      answer = error(request);
    }
    byte[] body = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static ObjectNode error(JsonNode call) {
    ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", call.get("id"));
    answer.putObject("error").put("code", -32601)
        .put("message", "the method " + call.get("method").asText() + " does not exist");
    return answer;
  }
}
