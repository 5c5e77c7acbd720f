package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PolicyRule;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget;
import io.seed.bundler.core.sessionkey.permission.TokenSpendingBudget.TokenBudget;
import io.seed.bundler.core.sessionkey.permission.UsageBudget;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one enabled Smart Sessions policy's configuration and counters from its own getters, as
 * the released policies (smartsessions {@code contracts/external/policies}, module-sdk 0.4.0's
 * ABIs) declare them, each taking {@code (configId, multiplexer, account)}:
 *
 * <ul>
 *   <li>SudoPolicy: nothing to read.
 *   <li>TimeFramePolicy {@code getTimeFrameConfig} answers one word, {@code validUntil << 48 |
 *       validAfter}.
 *   <li>UsageLimitPolicy {@code getUsageLimit} and {@code getUsed} ({@code uint128} each).
 *   <li>ValueLimitPolicy {@code getValueLimit} and {@code getUsed} ({@code uint256} each).
 *   <li>UniActionPolicy's public {@code actionConfigs} answers the whole static {@code
 *       ActionConfig}, the sixteen rules and their running totals included, laid out as its init
 *       data.
 *   <li>ERC20SpendingLimitPolicy {@code getPolicyData(configId, multiplexer, token, account)}
 *       answers one token's {@code (spendingLimit, alreadySpent, approvedAmount)}.
 * </ul>
 *
 * <p>What cannot be read exactly becomes an {@link OpaqueRule} (simulation decides), never a
 * guess: a policy not modelled; UniAction or spending limits guarding a whole operation; spending
 * limits under the generic fallback or the module-call action, where the token is whatever the
 * call targets and the policy offers no list of its tokens; a getter that reverts or answers
 * something else than the shapes above (TimeFramePolicy's older two-word struct among them); and
 * the configurations the enable-data decoder also leaves opaque (a zero value limit, a zero time
 * frame, UniAction declaring no or more than sixteen rules).
 */
final class SmartSessionPolicyReader {
  private static final Logger LOG = LoggerFactory.getLogger(SmartSessionPolicyReader.class);
  private static final Bytes GET_TIME_FRAME_CONFIG = Bytes.fromHex("0x60feedad");
  private static final Bytes GET_USAGE_LIMIT = Bytes.fromHex("0x59eac90d");
  private static final Bytes GET_USED = Bytes.fromHex("0x831b65a5");
  private static final Bytes GET_VALUE_LIMIT = Bytes.fromHex("0x856334b2");
  private static final Bytes ACTION_CONFIGS = Bytes.fromHex("0xcc39a985");
  private static final Bytes GET_POLICY_DATA = Bytes.fromHex("0xf33fa13a");
  private static final int TIME_FRAME_BITS = 48;
  private static final BigInteger UINT48 = BigInteger.ONE.shiftLeft(TIME_FRAME_BITS)
      .subtract(BigInteger.ONE);

  private final EthApi eth;
  private final Map<Address, SmartSessionPolicyKind> policies;

  SmartSessionPolicyReader(EthApi eth, Map<Address, SmartSessionPolicyKind> policies) {
    this.eth = eth;
    this.policies = policies;
  }

  /** The rules of {@code policy} enabled as a user-operation policy under {@code configId}. */
  CompletableFuture<List<OperationRule>> operationRules(Address policy, Bytes32 configId,
      Address module, Address account) {
    return policyRules(policies.get(policy), policy, configId, module, account)
        .thenApply(List::copyOf);
  }

  /**
   * The rules of {@code policy} enabled as an action policy under {@code configId}; {@code
   * token} is the action's exact target, or null for the fallback and module-call actions.
   */
  CompletableFuture<List<CallRule>> callRules(Address policy, Bytes32 configId, Address module,
      Address account, Address token) {
    SmartSessionPolicyKind kind = policies.get(policy);
    CallRule opaque = new OpaqueRule(policy);
    if (kind == SmartSessionPolicyKind.UNI_ACTION) {
      return read(policy, opaque, call(ACTION_CONFIGS, configId, module, account),
          config -> SmartSessionPolicyDecoder.uniAction(policy, config));
    }
    if (kind == SmartSessionPolicyKind.SPENDING_LIMITS) {
      if (token == null) {
        return CompletableFuture.completedFuture(List.of(opaque));
      }
      return read(policy, opaque, Bytes.concat(GET_POLICY_DATA, word(configId), word(module),
              word(token), word(account)),
          data -> List.of(spendingLimit(data, token, account)));
    }
    return policyRules(kind, policy, configId, module, account).thenApply(List::copyOf);
  }

  private CompletableFuture<List<PolicyRule>> policyRules(SmartSessionPolicyKind kind,
      Address policy, Bytes32 configId, Address module, Address account) {
    PolicyRule opaque = new OpaqueRule(policy);
    if (kind == null) {
      return CompletableFuture.completedFuture(List.of(opaque));
    }
    return switch (kind) {
      case SUDO -> CompletableFuture.completedFuture(List.of());
      case TIME_FRAME -> read(policy, opaque, call(GET_TIME_FRAME_CONFIG, configId, module,
          account), config -> List.of(orOpaque(timeFrame(config), opaque)));
      case USAGE_LIMIT -> readTwo(policy, opaque,
          call(GET_USAGE_LIMIT, configId, module, account),
          call(GET_USED, configId, module, account),
          (limit, used) -> List.of(new UsageBudget(uint(limit), uint(used))));
      case VALUE_LIMIT -> readTwo(policy, opaque,
          call(GET_VALUE_LIMIT, configId, module, account),
          call(GET_USED, configId, module, account),
          (limit, used) -> List.of(orOpaque(
              SmartSessionPolicyDecoder.valueBudget(uint(limit), uint(used)), opaque)));
      case UNI_ACTION, SPENDING_LIMITS -> CompletableFuture.completedFuture(List.of(opaque));
    };
  }

  /**
   * TimeFramePolicy's one word {@code validUntil << 48 | validAfter}, or null for a zero frame.
   *
   * @throws AbiDecodingException for any other shape
   */
  static TimeWindowRule timeFrame(Bytes config) {
    BigInteger word = exactlyOneWord(config);
    if (word.bitLength() > 2 * TIME_FRAME_BITS) {
      throw new AbiDecodingException("time frame config wider than two uint48: " + config);
    }
    return SmartSessionPolicyDecoder.timeFrame(
        word.shiftRight(TIME_FRAME_BITS).longValueExact(), word.and(UINT48).longValueExact());
  }

  /** {@code getPolicyData}'s {@code (spendingLimit, alreadySpent, approvedAmount)} of one token. */
  static TokenSpendingBudget spendingLimit(Bytes data, Address token, Address account) {
    if (data.length() != 3 * 32) {
      throw new AbiDecodingException("getPolicyData answered " + data.length() + " bytes");
    }
    AbiReader values = AbiReader.of(data);
    return new TokenSpendingBudget(account,
        Map.of(token, new TokenBudget(values.uint(0), values.uint(32), values.uint(64))));
  }

  /** A getter's single {@code uint} answer. */
  static BigInteger uint(Bytes answer) {
    return exactlyOneWord(answer);
  }

  private static BigInteger exactlyOneWord(Bytes answer) {
    if (answer.length() != 32) {
      throw new AbiDecodingException("expected one word, got " + answer.length() + " bytes");
    }
    return AbiReader.of(answer).uint(0);
  }

  private static PolicyRule orOpaque(PolicyRule rule, PolicyRule opaque) {
    return rule == null ? opaque : rule;
  }

  private <R> CompletableFuture<List<R>> read(Address policy, R opaque, Bytes data,
      Function<Bytes, List<? extends R>> decode) {
    return eth.viewCall(policy, data)
        .handle((answer, failure) -> decoded(policy, opaque, failure,
            () -> decode.apply(answer)));
  }

  private <R> CompletableFuture<List<R>> readTwo(Address policy, R opaque, Bytes first,
      Bytes second, BiFunction<Bytes, Bytes, List<? extends R>> decode) {
    CompletableFuture<Bytes> one = eth.viewCall(policy, first);
    CompletableFuture<Bytes> two = eth.viewCall(policy, second);
    return CompletableFuture.allOf(one, two).handle((ignored, failure) -> decoded(policy, opaque,
        failure, () -> decode.apply(one.join(), two.join())));
  }

  /** The decoded rules, or {@code opaque} alone when a getter failed or answered another shape. */
  private static <R> List<R> decoded(Address policy, R opaque, Throwable failure,
      Supplier<List<? extends R>> decode) {
    if (failure == null) {
      try {
        return List.copyOf(decode.get());
      } catch (AbiDecodingException | ArithmeticException unexpected) {
        failure = unexpected;
      }
    }
    LOG.debug("Policy {} left to simulation: {}", policy, failure.toString());
    return List.of(opaque);
  }

  private static Bytes call(Bytes selector, Bytes32 configId, Address module, Address account) {
    return Bytes.concat(selector, word(configId), word(module), word(account));
  }

  static Bytes word(Bytes32 word) {
    return Bytes.wrap(word.toArray());
  }

  static Bytes word(Address address) {
    return Bytes.concat(Bytes.wrap(new byte[12]), address.toBytes());
  }
}
