package io.seed.bundler.core.erc7562;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TraceParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldReadEveryObservationOfAPhase() throws Exception {
    JsonNode result = JSON.readTree("""
        {"output": "0x1234", "reverted": false, "keccak": ["0x%s"], "errors": [],
         "phases": [{"entity": "paymaster", "ops": {"66": 2}, "oog": true,
           "storage": {"0x00000000000000000000000000000000000000aa": {"r": {"0x5": 1}, "w": {"0x7": 1}}},
           "calls": [{"op": 241, "from": "0x00000000000000000000000000000000000000aa",
                      "to": "0x00000000000000000000000000000000000000bb", "value": "0x3",
                      "input": "0xb760faf9", "code": true}],
           "extcode": [{"op": 59, "to": "0x00000000000000000000000000000000000000cc", "code": false}]}]}
        """.formatted("00".repeat(64)));

    ValidationTrace trace = TraceParser.parse(result);

    assertThat(trace.output()).isEqualTo(Bytes.fromHex("0x1234"));
    assertThat(trace.reverted()).isFalse();
    assertThat(trace.keccakPreimages()).containsExactly(Bytes.wrap(new byte[64]));
    EntityFrame frame = trace.frames().get(0);
    assertThat(frame.entity()).isEqualTo(Entity.PAYMASTER);
    assertThat(frame.count(0x42)).isEqualTo(2);
    assertThat(frame.outOfGas()).isTrue();
    Address contract = Address.fromHex("0x00000000000000000000000000000000000000aa");
    assertThat(frame.storage().get(contract))
        .isEqualTo(new StorageAccess(
            Set.of(BigInteger.valueOf(5)), Set.of(BigInteger.valueOf(7))));
    assertThat(frame.calls()).singleElement().satisfies(call -> {
      assertThat(call.value()).isEqualTo(BigInteger.valueOf(3));
      assertThat(call.selector()).isEqualTo(Bytes.fromHex("0xb760faf9"));
      assertThat(call.firstAddressArgument()).isNull();
    });
    assertThat(frame.codeAccesses()).containsExactly(
        new CodeAccess(0x3b, Address.fromHex("0x00000000000000000000000000000000000000cc"), false));
    assertThat(trace.codeAddresses())
        .containsExactly(
            Address.fromHex("0x00000000000000000000000000000000000000bb"),
            Address.fromHex("0x00000000000000000000000000000000000000cc"));
  }

  @Test
  void shouldRefuseATraceInWhichTheTracerFailed() throws Exception {
    JsonNode result = JSON.readTree("""
        {"output": "0x", "reverted": false, "keccak": [], "phases": [],
         "errors": ["step: TypeError: not a callable function"]}
        """);

    assertThatThrownBy(() -> TraceParser.parse(result))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the collector tracer failed")
        .hasMessageContaining("not a callable function");
  }

  @Test
  void shouldRefuseAPhaseOfAnUnknownEntity() throws Exception {
    JsonNode result = JSON.readTree("""
        {"output": "0x", "reverted": false, "keccak": [], "errors": [],
         "phases": [{"entity": "aggregator", "ops": {}, "storage": {}, "calls": [], "extcode": [],
                     "oog": false}]}
        """);

    assertThatThrownBy(() -> TraceParser.parse(result))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown entity: aggregator");
  }
}
