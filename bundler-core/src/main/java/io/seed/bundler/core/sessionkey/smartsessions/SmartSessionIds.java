package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import org.web3j.crypto.Hash;

/**
 * The ids SmartSession keys its storage by ({@code IdLib}): an action's id, and the config ids a
 * policy is handed for a session's user-operation policies and for one of its actions.
 */
final class SmartSessionIds {
  private SmartSessionIds() {}

  /** {@code keccak256(abi.encodePacked(address target, bytes4 selector))}. */
  static Bytes32 actionId(CallKey action) {
    byte[] packed = new byte[Address.LENGTH + 4];
    action.target().copyTo(packed, 0);
    int selector = action.selector();
    for (int i = 0; i < 4; i++) {
      packed[Address.LENGTH + i] = (byte) (selector >>> (24 - 8 * i));
    }
    return Bytes32.of(Hash.sha3(packed));
  }

  /** {@code keccak256(abi.encodePacked(account, permissionId))}. */
  static Bytes32 userOpConfigId(Address account, Bytes32 permissionId) {
    return accountScoped(account, permissionId);
  }

  /**
   * {@code keccak256(abi.encodePacked(account, keccak256(abi.encodePacked(permissionId,
   * actionId))))}.
   */
  static Bytes32 actionConfigId(Address account, Bytes32 permissionId, Bytes32 actionId) {
    byte[] pair = new byte[64];
    permissionId.copyTo(pair, 0);
    actionId.copyTo(pair, 32);
    return accountScoped(account, Bytes32.of(Hash.sha3(pair)));
  }

  private static Bytes32 accountScoped(Address account, Bytes32 id) {
    byte[] packed = new byte[Address.LENGTH + 32];
    account.copyTo(packed, 0);
    id.copyTo(packed, Address.LENGTH);
    return Bytes32.of(Hash.sha3(packed));
  }
}
