package io.seed.bundler.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateOverrideSetTest {
  private static final ObjectMapper MAPPER = EthJsonModule.newObjectMapper();
  private static final Address ACCOUNT = Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address OTHER = Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Bytes32 SLOT_1 = Bytes32.fromUint(BigInteger.ONE);
  private static final Bytes32 SLOT_2 = Bytes32.fromUint(BigInteger.TWO);
  private static final Bytes32 VALUE_A = Bytes32.fromUint(BigInteger.TEN);
  private static final Bytes32 VALUE_B = Bytes32.fromUint(BigInteger.valueOf(11));

  @Test
  void shouldParseEveryMemberOfAUserOverride() throws Exception {
    StateOverrideSet overrides = StateOverrideSet.fromJson(json("""
        {"0x1111111111111111111111111111111111111111": {
           "balance": "0xde0b6b3a7640000", "nonce": "0x7", "code": "0x6001",
           "stateDiff": {"%s": "%s"}},
         "0x2222222222222222222222222222222222222222": {"state": {}}}
        """.formatted(SLOT_1.toHex(), VALUE_A.toHex())));

    assertThat(overrides.accounts().get(ACCOUNT))
        .isEqualTo(new AccountOverride(new BigInteger("1000000000000000000"), BigInteger.valueOf(7),
            Bytes.fromHex("0x6001"), null, Map.of(SLOT_1, VALUE_A)));
    assertThat(overrides.accounts().get(OTHER).state()).isEmpty();
  }

  @Test
  void shouldWriteTheFormatItReads() throws Exception {
    JsonNode original = json("""
        {"0x1111111111111111111111111111111111111111": {
           "balance": "0x1", "code": "0x6001", "state": {"%s": "%s"}}}
        """.formatted(SLOT_2.toHex(), VALUE_B.toHex()));

    JsonNode written = MAPPER.valueToTree(StateOverrideSet.fromJson(original));

    assertThat(written).isEqualTo(original);
  }

  @Test
  void shouldNameTheAccountAndMemberOfABadValue() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json(
        "{\"0x1111111111111111111111111111111111111111\": {\"balance\": \"12\"}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0x1111111111111111111111111111111111111111")
        .hasMessageContaining("balance");
  }

  @Test
  void shouldRejectAnUnknownMember() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json(
        "{\"0x1111111111111111111111111111111111111111\": {\"movePrecompileToAddress\": \"0x01\"}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("movePrecompileToAddress");
  }

  @Test
  void shouldRejectAKeyThatIsNotAnAddress() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json("{\"0x1234\": {}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'0x1234'")
        .hasMessageContaining("address");
  }

  @Test
  void shouldRejectStateTogetherWithStateDiff() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json(
        "{\"0x1111111111111111111111111111111111111111\": {\"state\": {}, \"stateDiff\": {}}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state and stateDiff");
  }

  @Test
  void shouldRejectABadStorageSlot() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json(
        "{\"0x1111111111111111111111111111111111111111\": {\"stateDiff\": {\"0x01\": \"0x02\"}}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stateDiff")
        .hasMessageContaining("0x01");
  }

  @Test
  void shouldRejectANonObject() {
    assertThatThrownBy(() -> StateOverrideSet.fromJson(json("[]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected an object");
  }

  @Test
  void shouldLetTheLaterOverrideWinMemberByMember() {
    StateOverrideSet user = StateOverrideSet.of(ACCOUNT,
        new AccountOverride(BigInteger.ONE, BigInteger.TWO, Bytes.fromHex("0x01"), null,
            Map.of(SLOT_1, VALUE_A)));
    StateOverrideSet ours = new StateOverrideSet(Map.of(
        ACCOUNT, new AccountOverride(null, null, Bytes.fromHex("0x02"), null, Map.of(SLOT_2, VALUE_B)),
        OTHER, AccountOverride.balance(BigInteger.TEN)));

    StateOverrideSet merged = user.merge(ours);

    assertThat(merged.accounts().get(ACCOUNT)).isEqualTo(new AccountOverride(BigInteger.ONE,
        BigInteger.TWO, Bytes.fromHex("0x02"), null, Map.of(SLOT_1, VALUE_A, SLOT_2, VALUE_B)));
    assertThat(merged.accounts().get(OTHER)).isEqualTo(AccountOverride.balance(BigInteger.TEN));
  }

  @Test
  void shouldPatchAFullStateWithALaterStateDiff() {
    AccountOverride full = new AccountOverride(null, null, null, Map.of(SLOT_1, VALUE_A), null);
    AccountOverride diff = new AccountOverride(null, null, null, null, Map.of(SLOT_1, VALUE_B, SLOT_2, VALUE_A));

    assertThat(full.merge(diff).state()).isEqualTo(Map.of(SLOT_1, VALUE_B, SLOT_2, VALUE_A));
    assertThat(full.merge(diff).stateDiff()).isNull();
  }

  @Test
  void shouldReplaceEarlierStorageWithALaterFullState() {
    AccountOverride diff = new AccountOverride(null, null, null, null, Map.of(SLOT_1, VALUE_A));
    AccountOverride full = new AccountOverride(null, null, null, Map.of(SLOT_2, VALUE_B), null);

    assertThat(diff.merge(full).state()).isEqualTo(Map.of(SLOT_2, VALUE_B));
    assertThat(diff.merge(full).stateDiff()).isNull();
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }
}
