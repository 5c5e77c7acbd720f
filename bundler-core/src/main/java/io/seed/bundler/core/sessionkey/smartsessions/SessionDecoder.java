package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PaymasterRule;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.ValidityWindow;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * Decodes an ABI-encoded Smart Sessions {@code Session(address sessionValidator, bytes
 * sessionValidatorInitData, bytes32 salt, PolicyData[] userOpPolicies, ERC7739Data
 * erc7739Policies, ActionData[] actions, bool permitERC4337Paymaster)} into a grant. The action
 * {@code (address(1), 0x00000001)} is the generic fallback; {@code (address(1), 0x00000002)}
 * guards calls to the SmartSession module itself.
 */
final class SessionDecoder {
  /** The target of the special actions. */
  static final Address SPECIAL_TARGET = Address.fromHex(
      "0x0000000000000000000000000000000000000001");

  /** Selector of the generic fallback action. */
  static final int FALLBACK_SELECTOR = 0x00000001;

  /** Selector of the action guarding calls to the SmartSession module. */
  static final int MODULE_CALL_SELECTOR = 0x00000002;

  private final SmartSessionContracts contracts;
  private final SmartSessionPolicyDecoder policies;

  /** A decoder modelling the contracts {@code contracts} names. */
  SessionDecoder(SmartSessionContracts contracts) {
    this.contracts = contracts;
    this.policies = new SmartSessionPolicyDecoder(contracts.policies());
  }

  /**
   * {@code keccak256(abi.encode(sessionValidator, sessionValidatorInitData, salt))} of the session
   * at {@code session}.
   */
  static Bytes32 permissionId(AbiReader session) {
    Address validator = session.address(0);
    Bytes init = session.dynamicBytes(32);
    Bytes32 salt = session.word(64);
    int padded = (init.length() + 31) / 32 * 32;
    byte[] encoded = new byte[32 * 4 + padded];
    validator.copyTo(encoded, 12);
    encoded[63] = 0x60;
    salt.copyTo(encoded, 64);
    Bytes32.fromUint(BigInteger.valueOf(init.length())).copyTo(encoded, 96);
    init.copyTo(encoded, 128);
    return Bytes32.of(Hash.sha3(encoded));
  }

  /**
   * The grant a session installs under {@code key}.
   *
   * @throws AbiDecodingException when the session is not well-formed ABI
   */
  SessionGrant decode(GrantKey key, AbiReader session) {
    Address validator = session.address(0);
    Bytes validatorInit = session.dynamicBytes(32);
    List<OperationRule> operationRules = new ArrayList<>();
    int userOpPolicies = session.arrayLength(96);
    AbiReader userOpElements = session.arrayElements(96);
    for (int i = 0; i < userOpPolicies; i++) {
      AbiReader policy = userOpElements.tupleAt(i * 32);
      operationRules.addAll(policies.operationRules(policy.address(0), policy.dynamicBytes(32)));
    }
    PaymasterRule paymaster = !session.bool(192)
        ? new PaymasterRule.Forbidden("session does not permit a paymaster")
        : userOpPolicies == 0
            ? new PaymasterRule.Forbidden("a paymaster needs at least one user-operation policy")
            : PaymasterRule.ANY;
    return new SessionGrant(key, signer(validator, validatorInit), ValidityWindow.UNBOUNDED,
        paymaster, operationRules, actions(session, key.account()), 0);
  }

  private PermissionTree actions(AbiReader session, Address account) {
    int count = session.arrayLength(160);
    AbiReader elements = session.arrayElements(160);
    Map<CallKey, List<CallRule>> rules = new HashMap<>();
    for (int i = 0; i < count; i++) {
      AbiReader action = elements.tupleAt(i * 32);
      byte[] selectorWord = action.word(0).toArray();
      int selector = (selectorWord[0] & 0xff) << 24 | (selectorWord[1] & 0xff) << 16
          | (selectorWord[2] & 0xff) << 8 | (selectorWord[3] & 0xff);
      CallKey callKey = new CallKey(CallType.CALL, action.address(32), selector);
      int policyCount = action.arrayLength(64);
      AbiReader policyElements = action.arrayElements(64);
      for (int j = 0; j < policyCount; j++) {
        AbiReader policy = policyElements.tupleAt(j * 32);
        rules.computeIfAbsent(callKey, ignored -> new ArrayList<>())
            .addAll(policies.callRules(policy.address(0), policy.dynamicBytes(32), account));
      }
    }
    Map<CallKey, CallPermission> permissions = new HashMap<>();
    rules.forEach((callKey, list) -> permissions.put(callKey, new CallPermission(list)));
    CallPermission fallback =
        permissions.remove(new CallKey(CallType.CALL, SPECIAL_TARGET, FALLBACK_SELECTOR));
    return PermissionTree.withFallback(permissions, fallback);
  }

  /**
   * OwnableValidator's {@code abi.encode(uint256 threshold, address[] owners)}. Owners not in
   * strictly ascending order make the validator answer false before it reads the signature, so
   * even a signature too short for the threshold fails as a bad signature, not a revert: such a
   * configuration is left to simulation, as are thresholds of zero or above the owner count. The
   * same for a session's enable data and for {@code getSessionValidatorAndConfig}.
   */
  SessionSigner signer(Address validator, Bytes init) {
    if (!contracts.ownableValidators().contains(validator)) {
      return new SessionSigner.OpaqueSigner(validator, init);
    }
    AbiReader config = AbiReader.of(init);
    long threshold = config.uintAsLong(0);
    int count = config.arrayLength(32);
    AbiReader owners = config.arrayElements(32);
    List<Address> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(owners.address(i * 32));
    }
    if (threshold == 0 || threshold > count || !strictlyAscending(list)) {
      return new SessionSigner.OpaqueSigner(validator, init);
    }
    return new SessionSigner.OwnableSessionKeys((int) threshold, list);
  }

  private static boolean strictlyAscending(List<Address> owners) {
    for (int i = 1; i < owners.size(); i++) {
      if (owners.get(i - 1).compareTo(owners.get(i)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
