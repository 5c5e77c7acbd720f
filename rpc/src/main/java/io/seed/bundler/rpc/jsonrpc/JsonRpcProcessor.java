package io.seed.bundler.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seed.bundler.core.node.NodeException;
import io.seed.bundler.core.node.NodeUnavailableException;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a JSON-RPC payload (one request or a batch) into its response. Dispatch and the mapping of
 * every failure to an error response happen here and nowhere else: a method's {@link
 * RpcException} keeps its code and message, a {@link UserOperationRejectedException} gets its
 * ERC-7769 code, a node failure is answered {@code -32603} saying the node failed (without its
 * address), and anything else is logged with the method's name and answered {@code -32603}
 * without detail. Never throws.
 */
public final class JsonRpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcProcessor.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonRpcMethodRegistry methods;
  private final int maxBatchSize;
  private final ObjectMapper mapper;

  /**
   * A processor over {@code methods} that refuses batches of more than {@code maxBatchSize}
   * requests.
   */
  public JsonRpcProcessor(JsonRpcMethodRegistry methods, int maxBatchSize) {
    this.methods = Objects.requireNonNull(methods, "methods");
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive");
    }
    this.maxBatchSize = maxBatchSize;
    this.mapper =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /**
   * Processes one payload.
   *
   * @return the response bytes, or empty when the payload held only notifications
   */
  public Optional<byte[]> process(byte[] payload) {
    JsonNode root;
    try {
      root = mapper.readTree(payload);
    } catch (IOException e) {
      return Optional.of(errorResponse(RpcError.PARSE_ERROR, "parse error"));
    }
    if (root == null || root.isMissingNode()) {
      return Optional.of(errorResponse(RpcError.PARSE_ERROR, "parse error: empty payload"));
    }
    if (root.isObject()) {
      return Optional.ofNullable(processOne(root)).map(this::write);
    }
    if (!root.isArray()) {
      return Optional.of(
          errorResponse(
              RpcError.INVALID_REQUEST, "invalid request: expected an object or an array"));
    }
    if (root.isEmpty()) {
      return Optional.of(errorResponse(RpcError.INVALID_REQUEST, "invalid request: empty batch"));
    }
    if (root.size() > maxBatchSize) {
      return Optional.of(
          errorResponse(
              RpcError.INVALID_REQUEST,
              "invalid request: batch of " + root.size() + " exceeds the limit of "
                  + maxBatchSize));
    }
    // In order, one after the other: a batch may hold operations that build on each other
    // (nonce n, then n + 1 from the same sender).
    ArrayNode responses = NODES.arrayNode();
    for (JsonNode element : root) {
      ObjectNode response = processOne(element);
      if (response != null) {
        responses.add(response);
      }
    }
    return responses.isEmpty() ? Optional.empty() : Optional.of(write(responses));
  }

  /** An error response with a {@code null} id, for failures found before any request is read. */
  public byte[] errorResponse(RpcError error, String message) {
    return write(error(NullNode.getInstance(), error, message, null));
  }

  private ObjectNode processOne(JsonNode element) {
    if (!element.isObject()) {
      return invalidRequest(NullNode.getInstance(), "expected an object");
    }
    JsonNode id = element.get("id");
    if (id != null && !id.isTextual() && !id.isNumber() && !id.isNull()) {
      return invalidRequest(NullNode.getInstance(), "id must be a string, a number or null");
    }
    JsonNode responseId = id == null ? NullNode.getInstance() : id;
    JsonNode version = element.get("jsonrpc");
    if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
      return invalidRequest(responseId, "jsonrpc must be \"2.0\"");
    }
    JsonNode method = element.get("method");
    if (method == null || !method.isTextual() || method.textValue().isEmpty()) {
      return invalidRequest(responseId, "method must be a non-empty string");
    }
    JsonNode params = element.get("params");
    if (params != null && !params.isArray() && !params.isNull()) {
      return id == null
          ? null
          : error(responseId, RpcError.INVALID_PARAMS, "params must be an array", null);
    }
    ArrayNode positional =
        params == null || params.isNull() ? NODES.arrayNode() : (ArrayNode) params;
    JsonRpcRequest request = new JsonRpcRequest(id, method.textValue(), positional);
    ObjectNode response = execute(request, responseId);
    return request.isNotification() ? null : response;
  }

  private ObjectNode execute(JsonRpcRequest request, JsonNode responseId) {
    Optional<JsonRpcMethod> method = methods.find(request.method());
    if (method.isEmpty()) {
      return error(
          responseId, RpcError.METHOD_NOT_FOUND, "method not found: " + request.method(), null);
    }
    try {
      JsonNode result = mapper.valueToTree(method.get().execute(request));
      ObjectNode response = envelope(responseId);
      response.set("result", result == null ? NullNode.getInstance() : result);
      return response;
    } catch (RuntimeException | UserOperationRejectedException e) {
      return failure(request, responseId, e);
    }
  }

  private ObjectNode failure(JsonRpcRequest request, JsonNode responseId, Exception e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof RpcException rpc) {
      return error(responseId, rpc.error(), rpc.getMessage(), rpc.data());
    }
    if (cause instanceof UserOperationRejectedException rejected) {
      return error(responseId, RpcError.of(rejected.reason()), rejected.getMessage(), null);
    }
    // A node outage is no bug of ours: say so, but keep the node's address (it may carry an API
    // key) off the wire.
    if (cause instanceof NodeUnavailableException unavailable) {
      LOG.warn("JSON-RPC method {} failed: {}", request.method(), unavailable.getMessage());
      return error(responseId, RpcError.INTERNAL_ERROR, "internal error: node unavailable", null);
    }
    if (cause instanceof NodeException node) {
      LOG.warn("JSON-RPC method {} failed: {}", request.method(), node.getMessage());
      return error(
          responseId,
          RpcError.INTERNAL_ERROR,
          "internal error: node error: " + node.errorMessage(),
          null);
    }
    LOG.error("JSON-RPC method {} failed", request.method(), cause);
    return error(responseId, RpcError.INTERNAL_ERROR, "internal error", null);
  }

  private ObjectNode invalidRequest(JsonNode responseId, String why) {
    return error(responseId, RpcError.INVALID_REQUEST, "invalid request: " + why, null);
  }

  private ObjectNode error(JsonNode responseId, RpcError code, String message, Object data) {
    ObjectNode error = NODES.objectNode();
    error.put("code", code.code());
    error.put("message", message);
    if (data != null) {
      error.set("data", dataNode(data));
    }
    ObjectNode response = envelope(responseId);
    response.set("error", error);
    return response;
  }

  private JsonNode dataNode(Object data) {
    try {
      return mapper.valueToTree(data);
    } catch (IllegalArgumentException e) {
      LOG.error("cannot serialise error data of type {}", data.getClass().getName(), e);
      return NullNode.getInstance();
    }
  }

  private static ObjectNode envelope(JsonNode responseId) {
    ObjectNode response = NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", responseId);
    return response;
  }

  private byte[] write(JsonNode response) {
    try {
      return mapper.writeValueAsBytes(response);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; reaching this is a bug in this class.
      throw new IllegalStateException("cannot serialise a JSON-RPC response", e);
    }
  }
}
