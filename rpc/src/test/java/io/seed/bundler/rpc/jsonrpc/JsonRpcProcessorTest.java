package io.seed.bundler.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.node.NodeException;
import io.seed.bundler.core.node.NodeUnavailableException;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JsonRpcProcessorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(
          JsonRpcMethodRegistry.builder(EnumSet.allOf(RpcNamespace.class))
              .group(
                  RpcNamespace.ETH,
                  List.of(
                      method("eth_echo", request -> request.requiredParam(0, "value")),
                      method("eth_nothing", request -> null),
                      method("eth_fail", request -> {
                        throw new IllegalStateException("secret detail at db.internal:5432");
                      }),
                      method("eth_invalid", request -> {
                        throw new RpcException(RpcError.INVALID_PARAMS, "bad thing", Map.of("field", "x"));
                      }),
                      method("eth_unserialisable", request -> new Object()),
                      method("eth_nodeDown", request -> {
                        throw new NodeUnavailableException(
                            URI.create("https://node.example/v2/SECRETKEY"), "eth_call", "connect timed out", null);
                      }),
                      method("eth_nodeError", request -> {
                        throw new CompletionException(
                            new NodeException("eth_call", -32000, "header not found", null));
                      })))
              .build(),
          3);

  @Test
  void shouldAnswerSingleRequestWithItsId() {
    JsonNode response = process("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"eth_echo\",\"params\":[\"hi\"]}");

    assertThat(response.toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"hi\"}");
  }

  @Test
  void shouldEchoStringAndNullIds() {
    assertThat(process("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"eth_nothing\"}").get("id").textValue())
        .isEqualTo("a");
    JsonNode response = process("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"eth_nothing\"}");
    assertThat(response.get("id").isNull()).isTrue();
    assertThat(response.has("result")).isTrue();
    assertThat(response.get("result").isNull()).isTrue();
  }

  @Test
  void shouldAnswerBatchInOrderLeavingOutNotifications() {
    JsonNode response =
        process(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_echo\",\"params\":[1]},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"eth_echo\",\"params\":[2]},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_missing\"}]");

    assertThat(response.isArray()).isTrue();
    assertThat(response).hasSize(2);
    assertThat(response.get(0).get("result").intValue()).isEqualTo(1);
    assertThat(response.get(1).get("error").get("code").intValue()).isEqualTo(-32601);
    assertThat(response.get(1).get("id").intValue()).isEqualTo(3);
  }

  @Test
  void shouldAnswerNothingForNotifications() {
    assertThat(raw("{\"jsonrpc\":\"2.0\",\"method\":\"eth_echo\",\"params\":[1]}")).isEmpty();
    assertThat(raw("{\"jsonrpc\":\"2.0\",\"method\":\"eth_fail\"}")).isEmpty();
    assertThat(raw("{\"jsonrpc\":\"2.0\",\"method\":\"eth_missing\"}")).isEmpty();
    assertThat(raw("[{\"jsonrpc\":\"2.0\",\"method\":\"eth_nothing\"}]")).isEmpty();
  }

  @Test
  void shouldAnswerEmptyBatchWithOneInvalidRequestError() {
    JsonNode response = process("[]");

    assertThat(response.isObject()).isTrue();
    assertError(response, -32600, "invalid request: empty batch");
    assertThat(response.get("id").isNull()).isTrue();
  }

  @Test
  void shouldRefuseBatchOverTheLimit() {
    String one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nothing\"}";
    JsonNode response = process("[" + String.join(",", one, one, one, one) + "]");

    assertError(response, -32600, "invalid request: batch of 4 exceeds the limit of 3");
  }

  @Test
  void shouldAnswerParseErrorForMalformedJson() {
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":1,"), -32700, "parse error");
    assertError(process("{} trailing"), -32700, "parse error");
    assertError(process(""), -32700, "parse error: empty payload");
    assertError(process("{\"id\":1,\"id\":2}"), -32700, "parse error");
  }

  @Test
  void shouldAnswerInvalidRequestForWrongShapes() {
    assertError(process("42"), -32600, "invalid request: expected an object or an array");
    assertError(process("\"x\""), -32600, "invalid request: expected an object or an array");
    assertError(process("{\"id\":1,\"method\":\"eth_nothing\"}"), -32600, "invalid request: jsonrpc must be \"2.0\"");
    assertError(process("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_nothing\"}"), -32600, "invalid request: jsonrpc must be \"2.0\"");
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":1}"), -32600, "invalid request: method must be a non-empty string");
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}"), -32600, "invalid request: method must be a non-empty string");
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"eth_nothing\"}"), -32600, "invalid request: id must be a string, a number or null");
  }

  @Test
  void shouldKeepTheIdOfAnInvalidRequestWhenItIsReadable() {
    JsonNode response = process("{\"jsonrpc\":\"2.0\",\"id\":9}");

    assertThat(response.get("id").intValue()).isEqualTo(9);
  }

  @Test
  void shouldAnswerEachBadBatchElementOnItsOwn() {
    JsonNode response = process("[1,{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_echo\",\"params\":[\"ok\"]}]");

    assertThat(response).hasSize(2);
    assertError(response.get(0), -32600, "invalid request: expected an object");
    assertThat(response.get(1).get("result").textValue()).isEqualTo("ok");
  }

  @Test
  void shouldAnswerMethodNotFound() {
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_missing\"}"), -32601, "method not found: eth_missing");
  }

  @Test
  void shouldRefuseParamsThatAreNotAnArray() {
    assertError(
        process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_echo\",\"params\":{\"value\":1}}"),
        -32602, "params must be an array");
  }

  @Test
  void shouldNameMissingRequiredParameter() {
    assertError(
        process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_echo\",\"params\":[]}"),
        -32602, "missing required parameter 'value'");
  }

  @Test
  void shouldAnswerInternalErrorWithoutDetailForUnexpectedException() {
    String response = new String(raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_fail\"}").orElseThrow(), StandardCharsets.UTF_8);

    assertError(read(response), -32603, "internal error");
    assertThat(response).doesNotContain("secret", "IllegalStateException", "at ");
  }

  @Test
  void shouldAnswerInternalErrorForUnserialisableResult() {
    assertError(process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_unserialisable\"}"), -32603, "internal error");
  }

  @Test
  void shouldCarryRpcExceptionCodeMessageAndData() {
    JsonNode response = process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_invalid\"}");

    assertError(response, -32602, "bad thing");
    assertThat(response.get("error").get("data").get("field").textValue()).isEqualTo("x");
  }

  @Test
  void shouldSayTheNodeIsUnavailableWithoutItsAddress() {
    String response = new String(raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nodeDown\"}").orElseThrow(), StandardCharsets.UTF_8);

    assertError(read(response), -32603, "internal error: node unavailable");
    assertThat(response).doesNotContain("SECRETKEY", "node.example");
  }

  @Test
  void shouldPassOnTheNodesErrorMessageEvenWhenWrapped() {
    assertError(
        process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nodeError\"}"),
        -32603, "internal error: node error: header not found");
  }

  @ParameterizedTest
  @EnumSource(RejectionReason.class)
  void shouldAnswerRejectionWithItsErc7769Code(RejectionReason reason) {
    JsonRpcProcessor rejecting =
        new JsonRpcProcessor(
            JsonRpcMethodRegistry.builder(EnumSet.of(RpcNamespace.ETH))
                .group(RpcNamespace.ETH, List.of(method("eth_reject", request -> {
                  throw new UserOperationRejectedException(reason, "refused: " + reason);
                })))
                .build(),
            10);

    JsonNode response =
        read(new String(rejecting.process("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_reject\"}".getBytes(StandardCharsets.UTF_8)).orElseThrow(), StandardCharsets.UTF_8));

    assertError(response, RpcError.of(reason).code(), "refused: " + reason);
  }

  private JsonNode process(String payload) {
    return read(new String(raw(payload).orElseThrow(), StandardCharsets.UTF_8));
  }

  private Optional<byte[]> raw(String payload) {
    return processor.process(payload.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void assertError(JsonNode response, int code, String message) {
    assertThat(response.get("jsonrpc").textValue()).isEqualTo("2.0");
    assertThat(response.has("result")).isFalse();
    assertThat(response.get("error").get("code").intValue()).isEqualTo(code);
    assertThat(response.get("error").get("message").textValue()).isEqualTo(message);
  }

  private interface Body {
    Object run(JsonRpcRequest request) throws UserOperationRejectedException;
  }

  private static JsonRpcMethod method(String name, Body body) {
    return new JsonRpcMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Object execute(JsonRpcRequest request) throws UserOperationRejectedException {
        return body.run(request);
      }
    };
  }
}
