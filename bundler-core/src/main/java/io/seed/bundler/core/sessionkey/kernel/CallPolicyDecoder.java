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
import org.web3j.crypto.Hash;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZeroDev CallPolicy's permissions into a permission tree whose zero target matches any target:
 * whole from init data, {@code abi.encode(Permission[])} with {@code Permission(bytes1 callType,
 * address target, bytes4 selector, uint256 valueLimit, ParamRule[] rules)} and {@code
 * ParamRule(uint8 condition, uint64 offset, bytes32[] params)}, or key by key from what {@code
 * encodedPermissions(id, permissionHash, wallet)} returns, the stored {@code abi.encode(uint256
 * valueLimit, ParamRule[] rules)} (empty when the key is absent). Only single-call (0x00) and
 * delegatecall (0xff) entries can ever match: batch elements are checked as single calls.
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

  /**
   * The partial tree of the keys read: {@code stored} maps each to what {@code
   * encodedPermissions} returned for it, empty for a key the policy does not hold.
   */
  static PermissionTree readTree(Map<CallKey, Bytes> stored) {
    Map<CallKey, CallPermission> permissions = new HashMap<>();
    stored.forEach((key, encoded) -> {
      if (!encoded.isEmpty()) {
        permissions.put(key, storedPermission(encoded));
      }
    });
    return PermissionTree.readWithTargetWildcard(permissions, stored.keySet());
  }

  /**
   * {@code keccak256(abi.encodePacked(bytes1 callType, address target, bytes4 selector))}, the
   * key CallPolicy stores the permission of {@code key} under.
   */
  static Bytes32 permissionHash(CallKey key) {
    byte[] packed = new byte[25];
    packed[0] = key.type().code();
    System.arraycopy(key.target().toBytes().toArray(), 0, packed, 1, 20);
    int selector = key.selector();
    for (int i = 0; i < 4; i++) {
      packed[21 + i] = (byte) (selector >>> (24 - 8 * i));
    }
    return Bytes32.of(Hash.sha3(packed), 0);
  }

  /** One stored {@code abi.encode(uint256 valueLimit, ParamRule[] rules)}. */
  private static CallPermission storedPermission(Bytes encoded) {
    try {
      AbiReader reader = AbiReader.of(encoded);
      return permission(reader.uint(0), reader, 32);
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("stored call permission: "
          + malformed.getMessage());
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
      CallPermission checked = permission(permission.uint(96), permission, 128);
      CallType callType = switch (callTypeByte) {
        case 0x00 -> CallType.CALL;
        case (byte) 0xff -> CallType.DELEGATECALL;
        default -> null;
      };
      if (callType == null) {
        continue;
      }
      CallKey key = new CallKey(callType, permission.address(32), selector);
      if (permissions.put(key, checked) != null) {
        throw SessionKeyDecodingException.reverts("call policy repeats permission " + key);
      }
    }
    return PermissionTree.withTargetWildcard(permissions);
  }

  /** The value limit and the {@code ParamRule[]} whose head word is at {@code rulesAt}. */
  private static CallPermission permission(BigInteger valueLimit, AbiReader reader, int rulesAt) {
    int count = reader.arrayLength(rulesAt);
    AbiReader elements = reader.arrayElements(rulesAt);
    List<CallRule> rules = new ArrayList<>();
    rules.add(new ValueLimit(valueLimit));
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
    return new CallPermission(rules);
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
