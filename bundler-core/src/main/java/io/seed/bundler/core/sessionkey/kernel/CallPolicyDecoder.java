package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZeroDev CallPolicy init data, {@code abi.encode(Permission[])} with {@code Permission(bytes1
 * callType, address target, bytes4 selector, uint256 valueLimit, ParamRule[] rules)} and {@code
 * ParamRule(uint8 condition, uint64 offset, bytes32[] params)}, into a permission tree whose zero
 * target matches any target. Only single-call (0x00) and delegatecall (0xff) entries can ever
 * match: batch elements are checked as single calls.
 */
final class CallPolicyDecoder {

  private CallPolicyDecoder() {}

  /** The tree of {@code initData}; an encoding the contract's install would reject throws. */
  static PermissionTree decode(Bytes initData) {
    try {
      return tree(initData);
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("call policy data: " + malformed.getMessage());
    }
  }

  private static PermissionTree tree(Bytes initData) {
    AbiReader reader = AbiReader.of(initData);
    int count = reader.arrayLength(0);
    AbiReader elements = reader.arrayElements(0);
    Map<CallKey, CallPermission> permissions = new HashMap<>();
    for (int i = 0; i < count; i++) {
      AbiReader permission = elements.tupleAt(i * 32);
      byte callTypeByte = permission.word(0).toArray()[0];
      int selector = selectorOf(permission.word(64).toArray());
      List<CallRule> rules = new ArrayList<>();
      rules.add(new ValueLimit(permission.uint(96)));
      rules.addAll(paramRules(permission));
      CallType callType = switch (callTypeByte) {
        case 0x00 -> CallType.CALL;
        case (byte) 0xff -> CallType.DELEGATECALL;
        default -> null;
      };
      if (callType == null) {
        continue;
      }
      CallKey key = new CallKey(callType, permission.address(32), selector);
      if (permissions.put(key, new CallPermission(rules)) != null) {
        throw SessionKeyDecodingException.reverts("call policy repeats permission " + key);
      }
    }
    return PermissionTree.withTargetWildcard(permissions);
  }

  private static List<CallRule> paramRules(AbiReader permission) {
    int count = permission.arrayLength(128);
    AbiReader elements = permission.arrayElements(128);
    List<CallRule> rules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AbiReader rule = elements.tupleAt(i * 32);
      Condition condition = condition(rule.uintAsLong(0));
      long offset = rule.uintAsLong(32);
      if (offset >= 1L << 62) {
        throw SessionKeyDecodingException.reverts("call policy offset out of range");
      }
      int paramCount = rule.arrayLength(64);
      AbiReader params = rule.arrayElements(64);
      List<Bytes32> references = new ArrayList<>();
      for (int j = 0; j < paramCount; j++) {
        references.add(params.word(j * 32));
      }
      try {
        rules.add(new ArgumentRule(condition, offset, references));
      } catch (IllegalArgumentException wrongCount) {
        throw SessionKeyDecodingException.reverts("call policy rule: " + wrongCount.getMessage());
      }
    }
    return rules;
  }

  /** CallPolicy's codes: the six comparisons, 6 ONE_OF, 7 SLICE_EQUAL (SUBSTR_EQUAL). */
  private static Condition condition(long code) {
    Condition comparison = Condition.comparison(code);
    if (comparison != null) {
      return comparison;
    }
    if (code == 6) {
      return Condition.ONE_OF;
    }
    if (code == 7) {
      return Condition.SLICE_EQUAL;
    }
    throw SessionKeyDecodingException.reverts("call policy condition " + code);
  }

  private static int selectorOf(byte[] word) {
    return (word[0] & 0xff) << 24 | (word[1] & 0xff) << 16 | (word[2] & 0xff) << 8
        | (word[3] & 0xff);
  }
}
