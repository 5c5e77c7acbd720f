package io.seed.bundler.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What a call sees instead of one account's real state. Every member is optional ({@code null}
 * when absent). {@code state} replaces the whole storage, {@code stateDiff} changes single slots;
 * an override holds at most one of them, as nodes require.
 */
public record AccountOverride(
    BigInteger balance,
    BigInteger nonce,
    Bytes code,
    Map<Bytes32, Bytes32> state,
    Map<Bytes32, Bytes32> stateDiff) {

  private static final Set<String> FIELDS = Set.of("balance", "nonce", "code", "state", "stateDiff");

  public AccountOverride {
    if (state != null && stateDiff != null) {
      throw new IllegalArgumentException("state and stateDiff cannot both be set");
    }
    state = state == null ? null : Map.copyOf(state);
    stateDiff = stateDiff == null ? null : Map.copyOf(stateDiff);
  }

  /** An override of the code only. */
  public static AccountOverride code(Bytes code) {
    return new AccountOverride(null, null, code, null, null);
  }

  /** An override of the balance only. */
  public static AccountOverride balance(BigInteger balance) {
    return new AccountOverride(balance, null, null, null, null);
  }

  /**
   * This override followed by {@code later}: members {@code later} sets win; storage is what
   * applying both in turn leaves (a later full {@code state} replaces everything, a later {@code
   * stateDiff} patches what came before).
   */
  public AccountOverride merge(AccountOverride later) {
    Map<Bytes32, Bytes32> mergedState = state;
    Map<Bytes32, Bytes32> mergedDiff = stateDiff;
    if (later.state != null) {
      mergedState = later.state;
      mergedDiff = null;
    } else if (later.stateDiff != null) {
      if (state != null) {
        mergedState = patched(state, later.stateDiff);
      } else {
        mergedDiff = stateDiff == null ? later.stateDiff : patched(stateDiff, later.stateDiff);
      }
    }
    return new AccountOverride(
        later.balance != null ? later.balance : balance,
        later.nonce != null ? later.nonce : nonce,
        later.code != null ? later.code : code,
        mergedState,
        mergedDiff);
  }

  /** Parses one account's override object; messages start with the member at fault. */
  static AccountOverride fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("expected an object, got " + json);
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(name + ": not a supported override member");
      }
    }
    BigInteger nonce = NodeJson.optional(json, "nonce", Quantity::parse);
    if (nonce != null && nonce.bitLength() > 64) {
      throw new IllegalArgumentException("nonce: exceeds 64 bits");
    }
    return new AccountOverride(
        NodeJson.optional(json, "balance", Quantity::parse),
        nonce,
        NodeJson.optional(json, "code", Bytes::fromHex),
        slots(json, "state"),
        slots(json, "stateDiff"));
  }

  private static Map<Bytes32, Bytes32> slots(JsonNode json, String field) {
    JsonNode object = json.get(field);
    if (object == null || object.isNull()) {
      return null;
    }
    return NodeJson.members(
        object, field, Bytes32::fromHex, value -> NodeJson.text(value, Bytes32::fromHex));
  }

  private static Map<Bytes32, Bytes32> patched(
      Map<Bytes32, Bytes32> base, Map<Bytes32, Bytes32> patch) {
    Map<Bytes32, Bytes32> out = new HashMap<>(base);
    out.putAll(patch);
    return out;
  }
}
