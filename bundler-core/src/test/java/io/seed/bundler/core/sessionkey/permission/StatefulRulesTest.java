package io.seed.bundler.core.sessionkey.permission;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget.TokenBudget;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulRulesTest {
  private static final Address ACCOUNT =
      Address.fromHex("0x1111111111111111111111111111111111111111");
  private static final Address TOKEN =
      Address.fromHex("0x2222222222222222222222222222222222222222");
  private static final Address PAYMASTER =
      Address.fromHex("0x5555555555555555555555555555555555555555");
  private static final int TRANSFER = 0xa9059cbb;
  private static final int TRANSFER_FROM = 0x23b872dd;
  private static final int APPROVE = 0x095ea7b3;
  private static final int INCREASE_ALLOWANCE = 0x39509351;

  private static Call erc20(int selector, long amount) {
    return new Call(CallType.CALL, TOKEN, BigInteger.ZERO,
        CallData.call(selector, BigInteger.ONE, BigInteger.valueOf(amount)));
  }

  private static Call value(long wei) {
    return new Call(CallType.CALL, TOKEN, BigInteger.valueOf(wei), Bytes.EMPTY);
  }

  private static PackedUserOperation op(Address paymaster) {
    BigInteger gas = BigInteger.valueOf(100);
    return new PackedUserOperation(ACCOUNT, BigInteger.ZERO, null, Bytes.EMPTY, Bytes.EMPTY, gas,
        gas, gas, BigInteger.TEN, BigInteger.ONE, paymaster, BigInteger.ZERO, BigInteger.ZERO,
        Bytes.EMPTY, Bytes.EMPTY, null);
  }

  @Test
  void shouldCountUsesAcrossForkedEvaluations() {
    UsageBudget budget = new UsageBudget(BigInteger.valueOf(3), BigInteger.ONE);
    Evaluation pending = new Evaluation();
    Evaluation first = pending.fork();

    assertThat(budget.check(value(0), first)).isNull();
    pending.adopt(first);
    Evaluation second = pending.fork();
    assertThat(budget.check(value(0), second)).isNull();
    pending.adopt(second);
    assertThat(budget.check(value(0), pending.fork())).isEqualTo("usage limit of 3 is exhausted");
  }

  @Test
  void shouldNotCountAForkThatWasNotAdopted() {
    UsageBudget budget = new UsageBudget(BigInteger.ONE, BigInteger.ZERO);
    Evaluation pending = new Evaluation();

    assertThat(budget.check(value(0), pending.fork())).isNull();
    assertThat(budget.check(value(0), pending.fork())).isNull();
  }

  @Test
  void shouldKeepEqualRulesOfDifferentActionsApart() {
    UsageBudget first = new UsageBudget(BigInteger.ONE, BigInteger.ZERO);
    UsageBudget second = new UsageBudget(BigInteger.ONE, BigInteger.ZERO);
    Evaluation evaluation = new Evaluation();

    assertThat(first.check(value(0), evaluation)).isNull();
    assertThat(second.check(value(0), evaluation)).isNull();
  }

  @Test
  void shouldSumValuesAgainstTheValueBudget() {
    ValueBudget budget = new ValueBudget(BigInteger.valueOf(100), BigInteger.valueOf(40));
    Evaluation evaluation = new Evaluation();

    assertThat(budget.check(value(50), evaluation)).isNull();
    assertThat(budget.check(value(11), evaluation)).startsWith("cumulative value must be <= 100");
    assertThat(budget.check(op(null), List.of(value(5), value(5)), evaluation)).isNull();
  }

  @Test
  void shouldRefuseDelegatecallUnderAnOperationValueBudget() {
    ValueBudget budget = new ValueBudget(BigInteger.TEN, BigInteger.ZERO);
    Call delegate = new Call(CallType.DELEGATECALL, TOKEN, BigInteger.ZERO, Bytes.EMPTY);

    assertThat(budget.check(op(null), List.of(delegate), new Evaluation()))
        .isEqualTo("value limit does not allow delegatecall");
  }

  @Test
  void shouldLimitTheSumOfAnArgument() {
    LimitedArgument limited = new LimitedArgument(32, BigInteger.valueOf(100), BigInteger.TEN);
    Evaluation evaluation = new Evaluation();

    assertThat(limited.check(erc20(TRANSFER, 60), evaluation)).isNull();
    assertThat(limited.check(erc20(TRANSFER, 31), evaluation))
        .isEqualTo("argument 1 summed over uses must be <= 100");
    assertThat(limited.check(erc20(TRANSFER, 30), evaluation)).isNull();
  }

  @Test
  void shouldAddTransfersAndReplaceApprovalsInTheTokenBudget() {
    TokenSpendingBudget budget = new TokenSpendingBudget(ACCOUNT,
        Map.of(TOKEN, new TokenBudget(BigInteger.valueOf(100), BigInteger.TEN, BigInteger.ZERO)));
    Evaluation evaluation = new Evaluation();

    assertThat(budget.check(erc20(TRANSFER, 40), evaluation)).isNull();
    assertThat(budget.check(erc20(APPROVE, 50), evaluation)).isNull();
    assertThat(budget.check(erc20(APPROVE, 51), evaluation)).contains("must be <= 100");
    assertThat(budget.check(erc20(APPROVE, 20), evaluation)).isNull();
    assertThat(budget.check(erc20(INCREASE_ALLOWANCE, 30), evaluation)).isNull();
    assertThat(budget.check(erc20(INCREASE_ALLOWANCE, 1), evaluation)).isNotNull();
  }

  @Test
  void shouldNotChargeATransferFromIntoTheAccount() {
    TokenSpendingBudget budget = new TokenSpendingBudget(ACCOUNT,
        Map.of(TOKEN, new TokenBudget(BigInteger.TEN, BigInteger.ZERO, BigInteger.ZERO)));
    Call intoAccount = new Call(CallType.CALL, TOKEN, BigInteger.ZERO, CallData.call(
        TRANSFER_FROM, BigInteger.ONE, CallData.word(ACCOUNT), BigInteger.valueOf(1000)));

    assertThat(budget.check(intoAccount, new Evaluation())).isNull();
  }

  @Test
  void shouldRefuseValueOtherSelectorsAndUnknownTokens() {
    TokenSpendingBudget budget = new TokenSpendingBudget(ACCOUNT,
        Map.of(TOKEN, new TokenBudget(BigInteger.TEN, BigInteger.ZERO, BigInteger.ZERO)));
    Call unknownToken = new Call(CallType.CALL, ACCOUNT, BigInteger.ZERO,
        CallData.call(TRANSFER, BigInteger.ONE, BigInteger.ONE));

    assertThat(budget.check(value(1), new Evaluation())).contains("native value");
    assertThat(budget.check(erc20(0x12345678, 1), new Evaluation())).contains("allows only");
    assertThat(budget.check(unknownToken, new Evaluation())).contains("has no spending limit");
  }

  @Test
  void shouldSpendTheGasBudgetByMaximumCost() {
    GasBudget budget = new GasBudget(BigInteger.valueOf(6000), null);
    Evaluation evaluation = new Evaluation();

    assertThat(budget.check(op(null), List.of(), evaluation)).isNull();
    assertThat(budget.check(op(null), List.of(), evaluation)).isNull();
    assertThat(budget.check(op(null), List.of(), evaluation)).startsWith("gas policy allows 0 wei");
  }

  @Test
  void shouldRequireTheGasPolicyPaymaster() {
    GasBudget budget = new GasBudget(BigInteger.TEN.pow(9), PAYMASTER);

    assertThat(budget.check(op(null), List.of(), new Evaluation()))
        .isEqualTo("gas policy requires paymaster " + PAYMASTER);
    assertThat(budget.check(op(PAYMASTER), List.of(), new Evaluation())).isNull();
  }

  @Test
  void shouldOpenEachRateLimitedUseOneIntervalLater() {
    RateLimit limit = new RateLimit(60, 2, 1000);
    Evaluation evaluation = new Evaluation();

    assertThat(limit.check(op(null), List.of(), evaluation)).isNull();
    assertThat(evaluation.validAfter()).isEqualTo(1000);
    Evaluation second = evaluation.fork();
    assertThat(limit.check(op(null), List.of(), second)).isNull();
    assertThat(second.validAfter()).isEqualTo(1060);
    assertThat(limit.check(op(null), List.of(), second)).isEqualTo(
        "rate limit of 2 uses is exhausted");
  }

  @Test
  void shouldIntersectPolicyWindows() {
    Evaluation evaluation = new Evaluation();

    new TimeWindowRule(100, 500).check(value(0), evaluation);
    new TimeWindowRule(200, 0).check(op(null), List.of(), evaluation);
    new TimeWindowRule(0, 400).check(value(0), evaluation);

    assertThat(evaluation.validAfter()).isEqualTo(200);
    assertThat(evaluation.validUntil()).isEqualTo(400);
  }
}
