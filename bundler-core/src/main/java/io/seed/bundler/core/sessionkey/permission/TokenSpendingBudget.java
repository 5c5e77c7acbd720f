package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;

/**
 * ERC-20 spending limits per token (Smart Sessions' ERC20SpendingLimitPolicy): the call must
 * carry no value and be {@code transfer}, {@code transferFrom}, {@code approve} or {@code
 * increaseAllowance} on a token; transfers add to what was spent, {@code approve} replaces the
 * approved amount, {@code increaseAllowance} adds to it, and spent plus approved must stay within
 * the token's limit. A {@code transferFrom} to the account itself spends nothing.
 */
public record TokenSpendingBudget(Address account, Map<Address, TokenBudget> tokens)
    implements CallRule {
  private static final int TRANSFER = 0xa9059cbb;
  private static final int TRANSFER_FROM = 0x23b872dd;
  private static final int APPROVE = 0x095ea7b3;
  private static final int INCREASE_ALLOWANCE = 0x39509351;

  public TokenSpendingBudget {
    Objects.requireNonNull(account, "account");
    tokens = Map.copyOf(tokens);
  }

  /**
   * One token's limit and what was spent and approved on chain when the grant was read. Its
   * counters in an {@link Evaluation}: slot 0 what was spent since, slot 1 the approved amount
   * once an operation changed it.
   */
  public record TokenBudget(BigInteger limit, BigInteger spent, BigInteger approved) {
    public TokenBudget {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(spent, "spent");
      Objects.requireNonNull(approved, "approved");
    }

    String take(int selector, BigInteger amount, Address token, Evaluation evaluation) {
      BigInteger spentSince = evaluation.consumed(this);
      BigInteger recordedApproval = evaluation.recorded(this, 1);
      BigInteger approvedNow = recordedApproval == null ? approved : recordedApproval;
      switch (selector) {
        case APPROVE -> approvedNow = amount;
        case INCREASE_ALLOWANCE -> approvedNow = approvedNow.add(amount);
        default -> spentSince = spentSince.add(amount);
      }
      if (spent.add(spentSince).add(approvedNow).compareTo(limit) > 0) {
        return "token " + token + " spent and approved must be <= " + limit;
      }
      evaluation.setConsumed(this, spentSince);
      evaluation.record(this, 1, approvedNow);
      return null;
    }
  }

  @Override
  public String check(Call call, Evaluation evaluation) {
    if (call.value().signum() != 0) {
      return "token spending limit does not allow native value";
    }
    if (call.data().length() < 4) {
      return "token spending limit needs an ERC-20 call";
    }
    int selector = call.leadingSelector();
    int amountWord = selector == TRANSFER_FROM ? 64 : 32;
    if (selector != TRANSFER && selector != TRANSFER_FROM && selector != APPROVE
        && selector != INCREASE_ALLOWANCE) {
      return "token spending limit allows only transfer, transferFrom, approve, increaseAllowance";
    }
    int at = CallDataWords.argumentWord(call.data(), amountWord);
    if (at < 0) {
      return "token amount is missing from the call data";
    }
    BigInteger amount = CallDataWords.uint(call.data(), at);
    if (selector == TRANSFER_FROM && Address.fromWord(call.data().toArray(), 4 + 32)
        .equals(account)) {
      amount = BigInteger.ZERO;
    }
    TokenBudget budget = tokens.get(call.target());
    if (budget == null) {
      // No limit configured for this token: the policy's limit reads as zero.
      return amount.signum() == 0 ? null : "token " + call.target() + " has no spending limit";
    }
    return budget.take(selector, amount, call.target(), evaluation);
  }
}
