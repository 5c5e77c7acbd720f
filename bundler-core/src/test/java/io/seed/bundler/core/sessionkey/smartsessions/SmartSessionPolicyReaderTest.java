package io.seed.bundler.core.sessionkey.smartsessions;

import static io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.LESS_THAN_OR_EQUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.LimitedArgument;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget.TokenBudget;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionData.ParamRule;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the answers of the policies' and SmartSession's getters become rules and ids. */
class SmartSessionPolicyReaderTest {
  private static final Address TOKEN =
      Address.fromHex("0x7e57000000000000000000000000000000000001");
  private static final Address ACCOUNT =
      Address.fromHex("0x000000000000000000000000000000000000a001");

  @Test
  void shouldReadTheTimeFrameFromItsPackedWord() {
    Bytes word = Abi.encode(Abi.uint(BigInteger.valueOf(2_000).shiftLeft(48)
        .or(BigInteger.valueOf(1_000))));
    assertThat(SmartSessionPolicyReader.timeFrame(word))
        .isEqualTo(new TimeWindowRule(1_000, 2_000));
  }

  @Test
  void shouldLeaveAZeroTimeFrameToSimulation() {
    assertThat(SmartSessionPolicyReader.timeFrame(Abi.encode(Abi.uint(0)))).isNull();
  }

  @Test
  void shouldRefuseTimeFrameAnswersOfAnotherShape() {
    // The older TimeFramePolicy answered a struct of two uint48 words.
    assertThatThrownBy(() -> SmartSessionPolicyReader.timeFrame(
        Abi.encode(Abi.uint(2_000), Abi.uint(1_000)))).isInstanceOf(AbiDecodingException.class);
    assertThatThrownBy(() -> SmartSessionPolicyReader.timeFrame(
        Abi.encode(Abi.uint(BigInteger.ONE.shiftLeft(96)))))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldReadOneTokensSpendingState() {
    Bytes answer = Abi.encode(Abi.uint(10_000), Abi.uint(4_000), Abi.uint(500));
    assertThat(SmartSessionPolicyReader.spendingLimit(answer, TOKEN, ACCOUNT)).isEqualTo(
        new TokenSpendingBudget(ACCOUNT, Map.of(TOKEN, new TokenBudget(
            BigInteger.valueOf(10_000), BigInteger.valueOf(4_000), BigInteger.valueOf(500)))));
    assertThatThrownBy(() -> SmartSessionPolicyReader.spendingLimit(
        Abi.encode(Abi.uint(1), Abi.uint(2)), TOKEN, ACCOUNT))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldReadCountersAsSingleWords() {
    assertThat(SmartSessionPolicyReader.uint(Abi.encode(Abi.uint(7)))).isEqualTo(7);
    assertThatThrownBy(() -> SmartSessionPolicyReader.uint(Bytes.EMPTY))
        .isInstanceOf(AbiDecodingException.class);
  }

  @Test
  void shouldDecodeUniActionConfigsWithTheirRunningTotals() {
    Bytes config = SmartSessionData.uniAction(BigInteger.TEN, List.of(new ParamRule(
        LESS_THAN_OR_EQUAL, 32, true, BigInteger.valueOf(500), BigInteger.valueOf(1_000))));
    byte[] answer = config.toArray();
    // ActionConfig: valueLimitPerUse, length, then rule 0's six words; `used` is the sixth.
    Bytes32.fromUint(BigInteger.valueOf(700)).copyTo(answer, 64 + 5 * 32);
    assertThat(SmartSessionPolicyDecoder.uniAction(SmartSessionChain.UNI_ACTION_POLICY,
        Bytes.wrap(answer))).containsExactly(
        new ValueLimit(BigInteger.TEN),
        new ArgumentRule(Condition.LESS_THAN_OR_EQUAL, 32,
            List.of(Bytes32.fromUint(BigInteger.valueOf(500)))),
        new LimitedArgument(32, BigInteger.valueOf(1_000), BigInteger.valueOf(700)));
  }

  @Test
  void shouldComputeTheSpecialActionIdsAsIdLibDoes() {
    Address special = Address.fromHex("0x0000000000000000000000000000000000000001");
    assertThat(SmartSessionIds.actionId(new CallKey(CallType.CALL, special, 1)).toHex())
        .startsWith("0xd884b6af").endsWith("28cf");
    assertThat(SmartSessionIds.actionId(new CallKey(CallType.CALL, special, 2)).toHex())
        .startsWith("0x98612656").endsWith("e9d6");
  }
}
