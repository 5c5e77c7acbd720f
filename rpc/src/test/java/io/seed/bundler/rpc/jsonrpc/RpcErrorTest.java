package io.seed.bundler.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.validation.RejectionReason;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpcErrorTest {

  @ParameterizedTest
  @CsvSource({
    "INVALID_FIELDS, -32602",
    "REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, -32500",
    "REJECTED_BY_PAYMASTER, -32501",
    "BANNED_OPCODE, -32502",
    "EXPIRES_SHORTLY, -32503",
    "REPUTATION, -32504",
    "INSUFFICIENT_STAKE, -32505",
    "UNSUPPORTED_AGGREGATOR, -32506",
    "INVALID_SIGNATURE, -32507",
    "PAYMASTER_DEPOSIT_TOO_LOW, -32508",
    "EXECUTION_REVERTED, -32521"
  })
  void shouldMapEachRejectionToItsErc7769Code(RejectionReason reason, int code) {
    assertThat(RpcError.of(reason).code()).isEqualTo(code);
  }

  @ParameterizedTest
  @CsvSource({
    "PARSE_ERROR, -32700",
    "INVALID_REQUEST, -32600",
    "METHOD_NOT_FOUND, -32601",
    "INVALID_PARAMS, -32602",
    "INTERNAL_ERROR, -32603"
  })
  void shouldUseJsonRpcCodes(RpcError error, int code) {
    assertThat(error.code()).isEqualTo(code);
  }

  @org.junit.jupiter.api.Test
  void shouldGiveEveryErrorADistinctCode() {
    assertThat(Arrays.stream(RpcError.values()).map(RpcError::code).distinct().count())
        .isEqualTo(RpcError.values().length);
  }
}
