package io.seed.bundler.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.rpc.jsonrpc.JsonRpcMethod;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server on a real loopback port, driven by java.net.http and raw sockets. */
class JsonRpcServerIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String CHAIN_ID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
  private static final String CHAIN_ID_RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}";

  private final HealthRoute health = new HealthRoute();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private JsonRpcServer server;
  private InetSocketAddress address;

  @BeforeEach
  void start() {
    JsonRpcMethodRegistry methods =
        JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH, RpcNamespace.WEB3))
            .group(RpcNamespace.ETH, List.of(
                EmbeddedConnection.registry().find("eth_chainId").orElseThrow(),
                new ThreadKind()))
            .group(RpcNamespace.WEB3, List.of(EmbeddedConnection.registry().find("web3_clientVersion").orElseThrow()))
            .build();
    server =
        new JsonRpcServer(
            new JsonRpcServerConfig("127.0.0.1", 0, 64 * 1024, 10, true, List.of()),
            methods,
            Map.of("/health", health));
    address = server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAnswerSingleAndBatchRequestsOverHttp() throws Exception {
    assertThat(post("/rpc", CHAIN_ID).body()).isEqualTo(CHAIN_ID_RESULT);
    assertThat(post("/", "[" + CHAIN_ID + "," + CHAIN_ID + "]").body())
        .isEqualTo("[" + CHAIN_ID_RESULT + "," + CHAIN_ID_RESULT + "]");
  }

  @Test
  void shouldServeSeveralRequestsOnOneKeptAliveConnection() throws Exception {
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      for (int i = 0; i < 3; i++) {
        write(socket, EmbeddedConnection.post("/rpc", CHAIN_ID));
        String response = readResponse(socket.getInputStream());
        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith(CHAIN_ID_RESULT);
      }
    }
  }

  @Test
  void shouldRunMethodsOnVirtualThreads() throws Exception {
    assertThat(post("/rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_threadKind\"}").body())
        .contains("\"result\":\"virtual\"");
  }

  @Test
  void shouldAnswerManyConcurrentClients() throws Exception {
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(clients.submit(() -> post("/rpc", CHAIN_ID).body()));
      }
      for (Future<String> answer : answers) {
        assertThat(answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(CHAIN_ID_RESULT);
      }
    }
  }

  @Test
  void shouldAnswerOversizedBodyWith413AndKeepServing() throws Exception {
    HttpResponse<String> oversized = post("/rpc", "[" + (CHAIN_ID + ",").repeat(2000) + CHAIN_ID + "]");

    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(oversized.body()).contains("\"code\":-32600", "request body exceeds 65536 bytes");
    assertThat(post("/rpc", CHAIN_ID).body()).isEqualTo(CHAIN_ID_RESULT);
  }

  @Test
  void shouldKeepServingAfterGarbageInput() throws Exception {
    Random random = new Random(4337);
    for (int round = 0; round < 20; round++) {
      byte[] garbage = new byte[1 + random.nextInt(4096)];
      random.nextBytes(garbage);
      try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
        OutputStream out = socket.getOutputStream();
        if (round % 2 == 0) {
          out.write(("POST /rpc HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
              + garbage.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(garbage);
        out.flush();
      } catch (IOException e) {
        // The server may close on garbage before everything is written; that is its right.
      }
    }

    assertThat(post("/rpc", CHAIN_ID).body()).isEqualTo(CHAIN_ID_RESULT);
    assertThat(post("/rpc", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":").body()).contains("-32700");
  }

  @Test
  void shouldReportHealthOnlyOnceReady() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri("/health")).timeout(TIMEOUT).GET().build();

    HttpResponse<String> before = client.send(request, HttpResponse.BodyHandlers.ofString());
    health.markReady();
    HttpResponse<String> after = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void shouldAnswerJsonRpcOverWebSocket() throws Exception {
    Collector collector = new Collector(3);
    WebSocket socket =
        client.newWebSocketBuilder().connectTimeout(TIMEOUT)
            .buildAsync(URI.create("ws://127.0.0.1:" + address.getPort() + "/rpc"), collector)
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    socket.sendText(CHAIN_ID, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    socket.sendText("not json", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    socket.sendText("[" + CHAIN_ID + "]", true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<String> messages = collector.done.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    assertThat(messages).hasSize(3);
    assertThat(messages).contains(CHAIN_ID_RESULT, "[" + CHAIN_ID_RESULT + "]");
    assertThat(messages).anySatisfy(m -> assertThat(m).contains("-32700"));
  }

  @Test
  void shouldStopListeningWhenClosed() {
    server.close();

    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void shouldRefuseToStartOnAPortInUse() {
    JsonRpcServer second =
        new JsonRpcServer(
            new JsonRpcServerConfig("127.0.0.1", address.getPort(), 1024, 10, true, List.of()),
            EmbeddedConnection.registry(),
            Map.of());

    assertThatThrownBy(second::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot listen on 127.0.0.1:" + address.getPort());
    second.close();
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + address.getPort() + path);
  }

  private static void write(Socket socket, String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads one response with a Content-Length body from a kept-alive connection. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head");
      }
      head.write(b);
    }
    String headText = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headText.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Reports whether it runs on a virtual thread: proof that no method runs on an event loop. */
  private static final class ThreadKind implements JsonRpcMethod {
    @Override
    public String name() {
      return "eth_threadKind";
    }

    @Override
    public Object execute(JsonRpcRequest request) {
      return Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName();
    }
  }

  /** Collects whole text messages until it has the expected number. */
  private static final class Collector implements WebSocket.Listener {
    final CompletableFuture<List<String>> done = new CompletableFuture<>();
    private final List<String> messages = new ArrayList<>();
    private final int expected;
    private final StringBuilder partial = new StringBuilder();

    Collector(int expected) {
      this.expected = expected;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
        if (messages.size() == expected) {
          done.complete(List.copyOf(messages));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      done.completeExceptionally(error);
    }
  }
}
