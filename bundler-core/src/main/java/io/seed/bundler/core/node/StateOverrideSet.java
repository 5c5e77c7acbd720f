package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Address;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The state overrides of an {@code eth_call} or {@code eth_estimateGas}: per account, what the
 * call sees instead of the chain's state. Serialised by {@link EthJsonModule} in the node's
 * format.
 */
public record StateOverrideSet(Map<Address, AccountOverride> accounts) {
  /** No overrides. */
  public static final StateOverrideSet EMPTY = new StateOverrideSet(Map.of());

  public StateOverrideSet {
    accounts = Map.copyOf(Objects.requireNonNull(accounts, "accounts"));
  }

  /** Overrides of one account. */
  public static StateOverrideSet of(Address address, AccountOverride override) {
    return new StateOverrideSet(Map.of(address, override));
  }

  /**
   * Parses the override object a user passes to {@code eth_estimateUserOperationGas} (address →
   * {@code {balance, nonce, code, state, stateDiff}}).
   *
   * @throws IllegalArgumentException naming the account and member at fault
   */
  public static StateOverrideSet fromJson(JsonNode json) {
    return new StateOverrideSet(
        NodeJson.members(json, "state override", Address::fromHex, AccountOverride::fromJson));
  }

  /** True when no account is overridden. */
  public boolean isEmpty() {
    return accounts.isEmpty();
  }

  /**
   * These overrides followed by {@code later}: for an account both set, {@link
   * AccountOverride#merge} decides; so the bundler's own overrides, passed as {@code later}, win
   * over a user's.
   */
  public StateOverrideSet merge(StateOverrideSet later) {
    Map<Address, AccountOverride> merged = new HashMap<>(accounts);
    later.accounts.forEach((address, override) -> merged.merge(address, override, AccountOverride::merge));
    return new StateOverrideSet(merged);
  }
}
