package io.seed.bundler.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpNodeClientTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration LONG_LINGER = Duration.ofMinutes(1);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  @Test
  void shouldSendCallsQueuedTogetherAsOneBatchAndMatchAnswersById() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, true)));
    HttpNodeClient client = client(config(node.url(), 3, LONG_LINGER));

    CompletableFuture<JsonNode> first = client.request("m_first", "a");
    CompletableFuture<JsonNode> second = client.request("m_second", "b");
    CompletableFuture<JsonNode> third = client.request("m_third", "c");

    assertThat(first.join().path("method").asText()).isEqualTo("m_first");
    assertThat(second.join().path("method").asText()).isEqualTo("m_second");
    assertThat(third.join().path("params").get(0).asText()).isEqualTo("c");
    assertThat(node.requests()).hasSize(1);
    assertThat(node.requests().get(0).isArray()).isTrue();
    assertThat(node.requests().get(0)).hasSize(3);
    assertThat(client.requestCount()).isEqualTo(3);
  }

  @Test
  void shouldSendALoneCallAsAPlainObjectOnceTheLingerEnds() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, false)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ofMillis(1)));

    JsonNode result = client.request("eth_chainId").join();

    assertThat(result.path("method").asText()).isEqualTo("eth_chainId");
    assertThat(node.requests()).singleElement().satisfies(body -> {
      assertThat(body.isObject()).isTrue();
      assertThat(body.path("jsonrpc").asText()).isEqualTo("2.0");
      assertThat(body.path("params").isArray()).isTrue();
    });
  }

  @Test
  void shouldSplitBatchesThatWouldExceedTheByteLimit() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, false)));
    HttpNodeClient client =
        client(new NodeClientConfig(node.url(), Duration.ofSeconds(10), 100, 1000, Duration.ofMillis(5)));
    String large = "x".repeat(400);

    List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(client.request("m", large));
    }

    assertThat(calls).allSatisfy(call -> assertThat(call.join().path("method").asText()).isEqualTo("m"));
    // A call is about 440 bytes: two fit under 1000, a third starts the next batch.
    assertThat(node.requests()).hasSizeGreaterThanOrEqualTo(3);
    for (JsonNode body : node.requests()) {
      assertThat(MAPPER.writeValueAsBytes(body).length).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void shouldNeverSendMoreCallsInOneBatchThanTheMaximum() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, false)));
    HttpNodeClient client = client(config(node.url(), 2, Duration.ofMillis(5)));

    List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(client.request("m", BigInteger.valueOf(i)));
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

    for (int i = 0; i < 5; i++) {
      assertThat(calls.get(i).join().path("params").get(0).asText()).isEqualTo("0x" + i);
    }
    assertThat(node.requests()).allSatisfy(body -> assertThat(body.isArray() ? body.size() : 1).isLessThanOrEqualTo(2));
    assertThat(node.requests().stream().mapToInt(body -> body.isArray() ? body.size() : 1).sum()).isEqualTo(5);
    assertThat(client.requestCount()).isEqualTo(5);
  }

  @Test
  void shouldSerialiseValueTypesAsHexDataAndQuantities() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, false)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ZERO));
    Address address = Address.fromHex("0x00000000000000000000000000000000000000aa");
    Bytes32 word = Bytes32.fromUint(BigInteger.TWO);

    JsonNode params =
        client
            .request(
                "m",
                address,
                word,
                Bytes.fromHex("0x0102"),
                Bytes.EMPTY,
                BigInteger.valueOf(255),
                BigInteger.ZERO,
                BlockTag.LATEST,
                CallRequest.to(address, Bytes.fromHex("0xabcd")),
                StateOverrideSet.of(address, AccountOverride.balance(BigInteger.TEN)))
            .join()
            .path("params");

    assertThat(params.get(0).asText()).isEqualTo("0x00000000000000000000000000000000000000aa");
    assertThat(params.get(1).asText()).isEqualTo(word.toHex());
    assertThat(params.get(2).asText()).isEqualTo("0x0102");
    assertThat(params.get(3).asText()).isEqualTo("0x");
    assertThat(params.get(4).asText()).isEqualTo("0xff");
    assertThat(params.get(5).asText()).isEqualTo("0x0");
    assertThat(params.get(6).asText()).isEqualTo("latest");
    assertThat(params.get(7)).isEqualTo(MAPPER.readTree(
        "{\"to\":\"0x00000000000000000000000000000000000000aa\",\"data\":\"0xabcd\"}"));
    assertThat(params.get(8)).isEqualTo(MAPPER.readTree(
        "{\"0x00000000000000000000000000000000000000aa\":{\"balance\":\"0xa\"}}"));
  }

  @Test
  void shouldFailWithNodeExceptionCarryingTheRevertData() throws Exception {
    FakeNode node = node(FakeNode.start(answering(request -> error(request, 3,
        "execution reverted", MAPPER.getNodeFactory().textNode("0x08c379a0")), false)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ZERO));

    NodeException failure = failure(client.request("eth_call"), NodeException.class);

    assertThat(failure.method()).isEqualTo("eth_call");
    assertThat(failure.code()).isEqualTo(3);
    assertThat(failure.errorMessage()).isEqualTo("execution reverted");
    assertThat(failure.revertData()).contains(Bytes.fromHex("0x08c379a0"));
    assertThat(failure.getMessage()).contains("eth_call", "execution reverted", "3");
  }

  @Test
  void shouldExposeNoRevertDataWhenTheErrorDataIsNotHex() throws Exception {
    FakeNode node = node(FakeNode.start(answering(request -> error(request, -32000,
        "nonce too low", MAPPER.getNodeFactory().textNode("not hex")), false)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ZERO));

    NodeException failure = failure(client.request("eth_sendRawTransaction"), NodeException.class);

    assertThat(failure.revertData()).isEmpty();
    assertThat(failure.data()).isPresent();
  }

  @Test
  void shouldFailOnlyTheCallsThatGotAnErrorInABatch() throws Exception {
    FakeNode node = node(FakeNode.start(answering(
        request -> request.path("method").asText().equals("bad")
            ? error(request, -32601, "method not found", null)
            : echo(request),
        false)));
    HttpNodeClient client = client(config(node.url(), 2, LONG_LINGER));

    CompletableFuture<JsonNode> good = client.request("good");
    CompletableFuture<JsonNode> bad = client.request("bad");

    assertThat(good.join().path("method").asText()).isEqualTo("good");
    assertThat(failure(bad, NodeException.class).code()).isEqualTo(-32601);
  }

  @Test
  void shouldFailEveryCallWhenTheNodeRefusesTheWholeBatch() throws Exception {
    FakeNode node = node(FakeNode.start(request -> FakeNode.Answer.ok(MAPPER.readTree(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}"))));
    HttpNodeClient client = client(config(node.url(), 2, LONG_LINGER));

    CompletableFuture<JsonNode> first = client.request("a");
    CompletableFuture<JsonNode> second = client.request("b");

    assertThat(failure(first, NodeException.class).errorMessage()).isEqualTo("batch too large");
    assertThat(failure(second, NodeException.class).method()).isEqualTo("b");
  }

  @Test
  void shouldFailACallMissingFromTheBatchAnswerAsUnavailable() throws Exception {
    FakeNode node = node(FakeNode.start(request -> {
      ArrayNode answers = MAPPER.createArrayNode();
      answers.add(echo(request.get(0)));
      return FakeNode.Answer.ok(answers);
    }));
    HttpNodeClient client = client(config(node.url(), 2, LONG_LINGER));

    CompletableFuture<JsonNode> answered = client.request("a");
    CompletableFuture<JsonNode> dropped = client.request("b");

    assertThat(answered.join().path("method").asText()).isEqualTo("a");
    assertThat(failure(dropped, NodeUnavailableException.class).getMessage())
        .contains("no response with id");
  }

  @Test
  void shouldReportTheUrlAndCauseWhenTheNodeIsDown() throws Exception {
    FakeNode node = FakeNode.start(answering(HttpNodeClientTest::echo, false));
    URI url = node.url();
    node.close();
    HttpNodeClient client = client(config(url, 10, Duration.ZERO));

    NodeUnavailableException failure =
        failure(client.request("eth_blockNumber"), NodeUnavailableException.class);

    assertThat(failure.getMessage()).contains("eth_blockNumber", url.toString(), "connection refused");
    assertThat(client.requestCount()).isEqualTo(1);
  }

  @Test
  void shouldFailWithNodeUnavailableWhenTheNodeDoesNotAnswerInTime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FakeNode node = node(FakeNode.start(request -> {
      release.await();
      return FakeNode.Answer.ok(echo(request));
    }));
    resources.add(release::countDown);
    HttpNodeClient client =
        client(new NodeClientConfig(
            node.url(), Duration.ofMillis(200), 10, NodeClientConfig.DEFAULT_MAX_BATCH_BYTES,
            Duration.ZERO));

    NodeUnavailableException failure =
        failure(client.request("eth_call"), NodeUnavailableException.class);

    assertThat(failure.getMessage()).contains("no answer within", node.url().toString());
  }

  @Test
  void shouldAnswerAgainOnceTheNodeComesBack() throws Exception {
    FakeNode first = FakeNode.start(answering(HttpNodeClientTest::echo, false));
    int port = first.port();
    HttpNodeClient client = client(config(first.url(), 10, Duration.ZERO));
    assertThat(client.request("before").join().path("method").asText()).isEqualTo("before");

    first.close();
    failure(client.request("during"), NodeUnavailableException.class);
    node(FakeNode.startOn(port, answering(HttpNodeClientTest::echo, false)));

    assertThat(client.request("after").join().path("method").asText()).isEqualTo("after");
  }

  @ParameterizedTest
  @CsvSource({
    "503, upstream busy, HTTP 503",
    "200, <html>oops</html>, not JSON",
    "200, 42, not a JSON-RPC response"
  })
  void shouldFailWithNodeUnavailableWhenTheAnswerIsNoJsonRpcResponse(
      int status, String body, String reason) throws Exception {
    FakeNode node = node(FakeNode.start(request -> new FakeNode.Answer(status, body)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ZERO));

    assertThat(failure(client.request("eth_call"), NodeUnavailableException.class).getMessage())
        .contains(reason, body);
  }

  @Test
  void shouldCompleteWithJsonNullWhenTheResultIsNull() throws Exception {
    FakeNode node = node(FakeNode.start(answering(request -> {
      ObjectNode answer = envelope(request);
      answer.putNull("result");
      return answer;
    }, false)));
    HttpNodeClient client = client(config(node.url(), 10, Duration.ZERO));

    assertThat(client.request("eth_getTransactionReceipt").join().isNull()).isTrue();
  }

  @Test
  void shouldRefuseCallsAfterClose() throws Exception {
    FakeNode node = node(FakeNode.start(answering(HttpNodeClientTest::echo, false)));
    HttpNodeClient client = new HttpNodeClient(config(node.url(), 10, LONG_LINGER));
    CompletableFuture<JsonNode> unsent = client.request("queued");

    client.close();

    assertThat(failure(unsent, NodeUnavailableException.class).getMessage()).contains("closed");
    assertThat(failure(client.request("late"), NodeUnavailableException.class).getMessage())
        .contains("closed");
    assertThat(node.requests()).isEmpty();
  }

  private FakeNode node(FakeNode node) {
    resources.add(node);
    return node;
  }

  private HttpNodeClient client(NodeClientConfig config) {
    HttpNodeClient client = new HttpNodeClient(config);
    resources.add(client);
    return client;
  }

  private static NodeClientConfig config(URI url, int maxBatchSize, Duration linger) {
    return new NodeClientConfig(
        url, Duration.ofSeconds(10), maxBatchSize, NodeClientConfig.DEFAULT_MAX_BATCH_BYTES, linger);
  }

  private static <T extends Throwable> T failure(CompletableFuture<?> future, Class<T> type) {
    CompletionException failure = catchThrowableOfType(CompletionException.class, future::join);
    assertThat(failure).as("the call should have failed").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(type);
    return type.cast(failure.getCause());
  }

  /** Answers every call of a batch with {@code perCall}, in reverse order when asked. */
  private static FakeNode.Responder answering(Function<JsonNode, ObjectNode> perCall, boolean reversed) {
    return request -> {
      if (!request.isArray()) {
        return FakeNode.Answer.ok(perCall.apply(request));
      }
      List<JsonNode> answers = new ArrayList<>();
      request.forEach(call -> answers.add(perCall.apply(call)));
      return FakeNode.Answer.ok(
          MAPPER.createArrayNode().addAll(reversed ? answers.reversed() : answers));
    };
  }

  private static ObjectNode echo(JsonNode call) {
    ObjectNode answer = envelope(call);
    ObjectNode result = answer.putObject("result");
    result.put("method", call.path("method").asText());
    result.set("params", call.path("params"));
    return answer;
  }

  private static ObjectNode error(JsonNode call, int code, String message, JsonNode data) {
    ObjectNode answer = envelope(call);
    ObjectNode error = answer.putObject("error");
    error.put("code", code);
    error.put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    return answer;
  }

  private static ObjectNode envelope(JsonNode call) {
    ObjectNode answer = MAPPER.createObjectNode();
    answer.put("jsonrpc", "2.0");
    answer.set("id", call.path("id"));
    return answer;
  }
}
