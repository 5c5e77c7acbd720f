package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.LimitedArgument;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PolicyRule;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget.TokenBudget;
import io.seed.bundler.core.sessionkey.permission.UsageBudget;
import io.seed.bundler.core.sessionkey.permission.ValueBudget;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one Smart Sessions {@code PolicyData(policy, initData)} into rules, by policy address.
 * Budgets start unspent: these are policies being enabled. Init data a policy would refuse or
 * whose check would always revert becomes opaque rather than guessed.
 */
final class SmartSessionPolicyDecoder {
  private static final int UNI_ACTION_RULES = 16;
  private static final int UNI_ACTION_RULE_WORDS = 6;

  private final Map<Address, SmartSessionPolicyKind> policies;

  SmartSessionPolicyDecoder(Map<Address, SmartSessionPolicyKind> policies) {
    this.policies = policies;
  }

  /** Rules of a user-operation policy. */
  List<OperationRule> operationRules(Address policy, Bytes init) {
    return List.copyOf(policyRules(policies.get(policy), policy, init));
  }

  /** Rules of an action policy guarding calls of {@code account}. */
  List<CallRule> callRules(Address policy, Bytes init, Address account) {
    SmartSessionPolicyKind kind = policies.get(policy);
    if (kind == SmartSessionPolicyKind.UNI_ACTION) {
      return uniAction(policy, init);
    }
    if (kind == SmartSessionPolicyKind.SPENDING_LIMITS) {
      return List.of(spendingLimits(init, account));
    }
    return List.copyOf(policyRules(kind, policy, init));
  }

  /**
   * The policies that mean the same guarding a call or an operation. Unknown policies, action-only
   * policies used on a whole operation, and init data a policy would refuse are opaque.
   */
  private static List<PolicyRule> policyRules(SmartSessionPolicyKind kind, Address policy,
      Bytes init) {
    if (kind == SmartSessionPolicyKind.SUDO) {
      return List.of();
    }
    PolicyRule rule = kind == null ? null : switch (kind) {
      case TIME_FRAME -> timeFrame(init);
      case VALUE_LIMIT -> valueLimit(init);
      case USAGE_LIMIT -> usageLimit(init);
      default -> null;
    };
    return List.of(rule == null ? new OpaqueRule(policy) : rule);
  }

  /** A 32-byte non-zero limit, or null for data the policy refuses to install. */
  private static ValueBudget valueLimit(Bytes init) {
    if (init.length() < 32) {
      return null;
    }
    return valueBudget(AbiReader.of(init).uint(0), BigInteger.ZERO);
  }

  /**
   * ValueLimitPolicy's budget of {@code limit} with {@code used} spent, or null for a zero limit
   * (refused at install by the release, so never a configuration to judge).
   */
  static ValueBudget valueBudget(BigInteger limit, BigInteger used) {
    return limit.signum() == 0 ? null : new ValueBudget(limit, used);
  }

  /** A 16-byte {@code uint128} limit, or null for data the policy refuses to install. */
  private static UsageBudget usageLimit(Bytes init) {
    if (init.length() < 16) {
      return null;
    }
    return new UsageBudget(uint(init, 0, 16), BigInteger.ZERO);
  }

  /** {@code uint48 validUntil ‖ uint48 validAfter}; all zero (the check reverts) gives null. */
  private static TimeWindowRule timeFrame(Bytes init) {
    if (init.length() < 12) {
      return null;
    }
    return timeFrame(uint(init, 0, 6).longValue(), uint(init, 6, 12).longValue());
  }

  /** The window TimeFramePolicy answers; null for two zeros, where its check reverts. */
  static TimeWindowRule timeFrame(long validUntil, long validAfter) {
    return validUntil == 0 && validAfter == 0 ? null : new TimeWindowRule(validAfter, validUntil);
  }

  /**
   * {@code ActionConfig(uint256 valueLimitPerUse, ParamRules(uint256 length, ParamRule[16]))},
   * all static, {@code ParamRule(uint8 condition, uint64 offset, bool isLimited, bytes32 ref,
   * LimitUsage(uint256 limit, uint256 used))}: the init data, and also what the policy's public
   * {@code actionConfigs} getter answers, running totals included.
   */
  static List<CallRule> uniAction(Address policy, Bytes init) {
    AbiReader config = AbiReader.of(init);
    if (init.length() < 32 * (2 + UNI_ACTION_RULES * UNI_ACTION_RULE_WORDS)) {
      return List.of(new OpaqueRule(policy));
    }
    BigInteger count = config.uint(32);
    if (count.signum() == 0 || count.compareTo(BigInteger.valueOf(UNI_ACTION_RULES)) > 0) {
      return List.of(new OpaqueRule(policy));
    }
    List<CallRule> rules = new ArrayList<>();
    rules.add(new ValueLimit(config.uint(0)));
    for (int i = 0; i < count.intValue(); i++) {
      int base = 64 + i * UNI_ACTION_RULE_WORDS * 32;
      Condition condition = uniActionCondition(config.uint(base));
      BigInteger offset = config.uint(base + 32);
      if (condition == null || offset.bitLength() > 62) {
        return List.of(new OpaqueRule(policy));
      }
      rules.add(new ArgumentRule(condition, offset.longValue(), List.of(config.word(base + 96))));
      if (config.bool(base + 64)) {
        rules.add(new LimitedArgument(offset.longValue(), config.uint(base + 128),
            config.uint(base + 160)));
      }
    }
    return rules;
  }

  /** UniActionPolicy's codes: the six comparisons, 6 IN_RANGE; null for others. */
  private static Condition uniActionCondition(BigInteger code) {
    if (code.equals(BigInteger.valueOf(6))) {
      return Condition.IN_RANGE;
    }
    return code.bitLength() > 62 ? null : Condition.comparison(code.longValue());
  }

  /** {@code abi.encode(address[] tokens, uint256[] limits)}. */
  private static CallRule spendingLimits(Bytes init, Address account) {
    AbiReader reader = AbiReader.of(init);
    int tokens = reader.arrayLength(0);
    if (reader.arrayLength(32) != tokens) {
      throw new AbiDecodingException("tokens and limits differ in length");
    }
    AbiReader addresses = reader.arrayElements(0);
    AbiReader limits = reader.arrayElements(32);
    Map<Address, TokenBudget> budgets = new HashMap<>();
    for (int i = 0; i < tokens; i++) {
      budgets.put(addresses.address(i * 32),
          new TokenBudget(limits.uint(i * 32), BigInteger.ZERO, BigInteger.ZERO));
    }
    return new TokenSpendingBudget(account, budgets);
  }

  private static BigInteger uint(Bytes init, int from, int to) {
    return new BigInteger(1, init.slice(from, to).toArray());
  }
}
