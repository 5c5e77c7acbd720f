package io.seed.bundler.core.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link NodeClient} over HTTP/1.1 with keep-alive. Calls made while a batch is forming (within
 * the configured linger, up to the maximum batch size) go out as one JSON-RPC batch and their
 * answers are matched back by id. Each exchange has a timeout. A failed exchange fails only its
 * own calls: nothing is remembered, so the next call tries the node afresh.
 */
public final class HttpNodeClient implements NodeClient {
  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final NodeClientConfig config;
  private final ObjectMapper mapper = EthJsonModule.newObjectMapper();
  private final HttpClient http;
  private final ScheduledExecutorService batcher;
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicLong sentCalls = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private List<Call> forming = new ArrayList<>();
  private long formingGeneration;
  private long formingBytes;
  private boolean lingerScheduled;
  private boolean closed;

  /** A client of the node at {@code config.url()}; it opens connections on first use. */
  public HttpNodeClient(NodeClientConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .build();
    this.batcher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "node-client-batcher " + config.url());
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public CompletableFuture<JsonNode> request(String method, Object... params) {
    long id = nextId.getAndIncrement();
    ObjectNode body = mapper.createObjectNode();
    body.put("jsonrpc", "2.0");
    body.put("id", id);
    body.put("method", method);
    body.set("params", mapper.valueToTree(params));
    CompletableFuture<JsonNode> future = new CompletableFuture<>();
    byte[] payload;
    try {
      payload = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      future.completeExceptionally(unavailable(method, "its request could not be serialised", e));
      return future;
    }
    Call call = new Call(id, method, payload, future);

    List<Call> overflow = null;
    List<Call> full = null;
    lock.lock();
    try {
      if (closed) {
        call.future.completeExceptionally(unavailable(method, "the client is closed", null));
        return call.future;
      }
      // Nodes refuse bodies over a few MiB (anvil 2 MiB, geth 5 MiB) and then fail the whole
      // batch; simulations carry large code overrides, so batches are bounded in bytes too.
      if (!forming.isEmpty() && formingBytes + payload.length + 1 > config.maxBatchBytes()) {
        overflow = takeForming();
      }
      forming.add(call);
      formingBytes += payload.length + 1;
      if (forming.size() >= config.maxBatchSize() || formingBytes >= config.maxBatchBytes()) {
        full = takeForming();
      } else if (!lingerScheduled) {
        lingerScheduled = true;
        long generation = formingGeneration;
        batcher.schedule(
            () -> flushIfStill(generation), config.linger().toNanos(), TimeUnit.NANOSECONDS);
      }
    } finally {
      lock.unlock();
    }
    if (overflow != null) {
      post(overflow);
    }
    if (full != null) {
      post(full);
    }
    return call.future;
  }

  @Override
  public long requestCount() {
    return sentCalls.get();
  }

  @Override
  public void close() {
    List<Call> unsent;
    lock.lock();
    try {
      closed = true;
      unsent = takeForming();
    } finally {
      lock.unlock();
    }
    for (Call call : unsent) {
      call.future.completeExceptionally(unavailable(call.method, "the client is closed", null));
    }
    batcher.shutdownNow();
    http.shutdownNow();
  }

  /** Sends the forming batch unless a full batch already took it since the linger was set. */
  private void flushIfStill(long generation) {
    List<Call> batch;
    lock.lock();
    try {
      if (generation != formingGeneration) {
        return;
      }
      batch = takeForming();
    } finally {
      lock.unlock();
    }
    if (!batch.isEmpty()) {
      post(batch);
    }
  }

  private List<Call> takeForming() {
    List<Call> batch = forming;
    forming = new ArrayList<>();
    formingGeneration++;
    formingBytes = 0;
    lingerScheduled = false;
    return batch;
  }

  private void post(List<Call> batch) {
    byte[] body = batch.size() == 1 ? batch.get(0).payload : batchBody(batch);
    sentCalls.addAndGet(batch.size());
    HttpRequest request =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .orTimeout(config.timeout().toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                failAll(batch, describe(failure), unwrap(failure));
              } else {
                dispatch(batch, response);
              }
            });
  }

  private static byte[] batchBody(List<Call> batch) {
    int length = 1 + batch.size();
    for (Call call : batch) {
      length += call.payload.length;
    }
    byte[] body = new byte[length];
    body[0] = '[';
    int offset = 1;
    for (Call call : batch) {
      System.arraycopy(call.payload, 0, body, offset, call.payload.length);
      offset += call.payload.length;
      body[offset++] = ',';
    }
    body[length - 1] = ']';
    return body;
  }

  private void dispatch(List<Call> batch, HttpResponse<byte[]> response) {
    if (response.statusCode() / 100 != 2) {
      failAll(batch, "HTTP " + response.statusCode() + ": " + excerpt(response.body()), null);
      return;
    }
    JsonNode answer;
    try {
      answer = mapper.readTree(response.body());
    } catch (IOException e) {
      failAll(batch, "the answer is not JSON: " + excerpt(response.body()), e);
      return;
    }
    if (answer == null || !answer.isArray() && !answer.isObject()) {
      failAll(batch, "the answer is not a JSON-RPC response: " + excerpt(response.body()), null);
      return;
    }
    if (answer.isObject() && batch.size() > 1) {
      // A node that refuses a whole batch (too large, batches disabled) answers one error object.
      for (Call call : batch) {
        complete(call, answer);
      }
      return;
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    for (JsonNode element : answer.isArray() ? answer : List.of(answer)) {
      JsonNode id = element.get("id");
      if (id != null && id.canConvertToLong()) {
        byId.put(id.longValue(), element);
      }
    }
    for (Call call : batch) {
      JsonNode element = byId.get(call.id);
      if (element == null) {
        call.future.completeExceptionally(
            unavailable(call.method, "the answer holds no response with id " + call.id, null));
      } else {
        complete(call, element);
      }
    }
  }

  private void complete(Call call, JsonNode response) {
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      JsonNode message = error.get("message");
      call.future.completeExceptionally(
          new NodeException(
              call.method,
              error.path("code").asLong(),
              message == null ? error.toString() : message.asText(),
              error.get("data")));
      return;
    }
    JsonNode result = response.get("result");
    if (result == null) {
      call.future.completeExceptionally(
          unavailable(call.method, "the response has neither result nor error", null));
      return;
    }
    call.future.complete(result.isNull() ? NullNode.getInstance() : result);
  }

  private void failAll(List<Call> batch, String reason, Throwable cause) {
    for (Call call : batch) {
      call.future.completeExceptionally(unavailable(call.method, reason, cause));
    }
  }

  private NodeUnavailableException unavailable(String method, String reason, Throwable cause) {
    return new NodeUnavailableException(config.url(), method, reason, cause);
  }

  private String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "no answer within " + config.timeout();
    }
    if (cause instanceof ConnectException) {
      return "connection refused (" + cause + ")";
    }
    return String.valueOf(cause);
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "…";
  }

  private record Call(long id, String method, byte[] payload, CompletableFuture<JsonNode> future) {}
}
