package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.UsageBudget;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes exactly what {@code @rhinestone/module-sdk} 0.4.0 produces (e2e/golden). */
class SmartSessionGoldenTest {
  private static final JsonNode FILE = GoldenVectors.load("smart-sessions.json");
  private static final long CHAIN = FILE.get("chainId").asLong();
  private static final long NOW = FILE.get("now").asLong();
  private static final EntryPoint ENTRY_POINT = GoldenVectors.entryPoint(FILE);
  private static final GrantKey KEY = new GrantKey(CHAIN, ENTRY_POINT.address(),
      Address.fromHex(FILE.get("account").asText()),
      Address.fromHex(FILE.get("smartSession").asText()),
      Bytes.fromHex(FILE.get("permissionId").asText()));

  static Stream<JsonNode> operations() {
    return GoldenVectors.operations(FILE);
  }

  private static JsonNode firstEnable() {
    return operations().filter(vector -> vector.get("mode").asText().equals("enable"))
        .findFirst().orElseThrow();
  }

  private static SessionGrant enabledGrant() {
    return Prevalidators.standard(Prevalidators.cache(), PendingOperations.NONE)
        .enabledGrant(GoldenVectors.operation(firstEnable()), ENTRY_POINT, CHAIN).orElseThrow();
  }

  @Test
  void shouldDecompressAndDecodeTheSdkEnableSession() {
    SessionGrant grant = enabledGrant();

    assertThat(grant.key()).isEqualTo(KEY);
    assertThat(grant.signer()).isEqualTo(new SessionSigner.OwnableSessionKeys(1,
        List.of(Address.fromHex(FILE.get("sessionKey").asText()))));
    assertThat(grant.operationRules()).containsExactly(
        new UsageBudget(BigInteger.TEN, BigInteger.ZERO),
        new TimeWindowRule(1700000000L, 1900000000L));
    assertThat(grant.paymasterRule()).isInstanceOf(PaymasterRule.Forbidden.class);
    assertThat(grant.permissions().permissions()).containsOnlyKeys(
        new CallKey(CallType.CALL, Address.fromHex("0x2222222222222222222222222222222222222222"),
            0xa9059cbb),
        new CallKey(CallType.CALL, Address.fromHex("0x4444444444444444444444444444444444444444"),
            0x095ea7b3),
        new CallKey(CallType.CALL, Address.fromHex("0x3333333333333333333333333333333333333333"),
            0xffffffff));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void shouldJudgeSdkOperationsAsTheChainWould(JsonNode vector) {
    Verdict verdict = Prevalidators.holding(enabledGrant()).check(
        GoldenVectors.operation(vector), ENTRY_POINT, CHAIN,
        GoldenVectors.hash(vector), NOW);

    assertThat(verdict.grant()).isEqualTo(KEY);
    GoldenVectors.assertExpected(vector, verdict);
  }

  @Test
  void shouldLeaveUseModeToSimulationWithoutACachedGrant() {
    JsonNode use = FILE.get("operations").get(0);

    Verdict verdict = Prevalidators.standard(Prevalidators.cache(), PendingOperations.NONE)
        .check(GoldenVectors.operation(use), ENTRY_POINT, CHAIN, GoldenVectors.hash(use), NOW);

    assertThat(verdict.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
  }
}
