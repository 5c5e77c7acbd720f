package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A node stand-in on a real socket, for the faults and wire shapes a real node will not show on
 * demand: every POST body is recorded and answered by the test's {@link Responder}.
 */
final class FakeNode implements AutoCloseable {
  /** Answers one POST: the status and the body to send back. */
  interface Responder {
    Answer answer(JsonNode request) throws Exception;
  }

  /** An HTTP answer. */
  record Answer(int status, String body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body.toString());
    }
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  private FakeNode(int port, Responder responder) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(exchange, responder));
    server.start();
  }

  /** A fake node on a free port. */
  static FakeNode start(Responder responder) throws IOException {
    return new FakeNode(0, responder);
  }

  /** A fake node on {@code port}, e.g. the port of a node that went away. */
  static FakeNode startOn(int port, Responder responder) throws IOException {
    return new FakeNode(port, responder);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The request bodies received so far, in arrival order. */
  List<JsonNode> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange, Responder responder) throws IOException {
    try (exchange) {
      JsonNode request = mapper.readTree(exchange.getRequestBody());
      requests.add(request);
      Answer answer;
      try {
        answer = responder.answer(request);
      } catch (Exception e) {
        answer = new Answer(500, String.valueOf(e));
      }
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
