package io.seed.bundler.core.sessionkey.smartsessions;

import io.seed.bundler.core.sessionkey.kernel.Abi;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * Smart Sessions data for tests, laid out as {@code @rhinestone/module-sdk} 0.4.0 encodes it
 * (sessions, policy init data, USE and enable signatures), and the enable digest the SmartSession
 * build in {@code @rhinestone/modulekit} 0.5.9 verifies: its {@code SessionEIP712} struct, which
 * binds the mode and predates v1.0.0's {@code SignedSession}.
 */
final class SmartSessionData {
  static final int USE = 0x00;
  static final int ENABLE = 0x01;
  static final int UNSAFE_ENABLE = 0x02;

  /** UniActionPolicy's condition codes. */
  static final int EQUAL = 0;
  static final int GREATER_THAN = 1;
  static final int LESS_THAN = 2;
  static final int GREATER_THAN_OR_EQUAL = 3;
  static final int LESS_THAN_OR_EQUAL = 4;
  static final int NOT_EQUAL = 5;
  static final int IN_RANGE = 6;

  private static final int UNI_ACTION_RULES = 16;
  private static final Bytes32 POLICY_DATA_TYPEHASH =
      keccak(utf8("PolicyData(address policy,bytes initData)"));
  private static final Bytes32 ACTION_DATA_TYPEHASH = keccak(utf8(
      "ActionData(bytes4 actionTargetSelector,address actionTarget,PolicyData[] actionPolicies)"
          + "PolicyData(address policy,bytes initData)"));
  private static final Bytes32 ERC7739_DATA_TYPEHASH = keccak(utf8(
      "ERC7739Data(string[] allowedERC7739Content,PolicyData[] erc1271Policies)"
          + "PolicyData(address policy,bytes initData)"));
  private static final String SESSION_NOTATION = "SessionEIP712(address account,"
      + "address smartSession,uint8 mode,address sessionValidator,bytes32 salt,"
      + "bytes sessionValidatorInitData,PolicyData[] userOpPolicies,ERC7739Data erc7739Policies,"
      + "ActionData[] actions,uint256 nonce)";
  private static final String CHAIN_SESSION_NOTATION =
      "ChainSessionEIP712(uint64 chainId,SessionEIP712 session)";
  private static final String REFERENCED = "ActionData(bytes4 actionTargetSelector,"
      + "address actionTarget,PolicyData[] actionPolicies)"
      + "ERC7739Data(string[] allowedERC7739Content,PolicyData[] erc1271Policies)"
      + "PolicyData(address policy,bytes initData)";
  private static final Bytes32 SESSION_TYPEHASH = keccak(utf8(SESSION_NOTATION + REFERENCED));
  private static final Bytes32 CHAIN_SESSION_TYPEHASH =
      keccak(utf8(CHAIN_SESSION_NOTATION + REFERENCED + SESSION_NOTATION));
  private static final Bytes32 MULTICHAIN_SESSION_TYPEHASH = keccak(utf8(
      "MultiChainSessionEIP712(ChainSessionEIP712[] sessionsAndChainIds)"
          + "ActionData(bytes4 actionTargetSelector,address actionTarget,"
          + "PolicyData[] actionPolicies)" + CHAIN_SESSION_NOTATION
          + "ERC7739Data(string[] allowedERC7739Content,PolicyData[] erc1271Policies)"
          + "PolicyData(address policy,bytes initData)" + SESSION_NOTATION));
  private static final Bytes32 DOMAIN_SEPARATOR = keccak(Abi.encode(
      word(keccak(utf8("EIP712Domain(string name,string version)"))),
      word(keccak(utf8("SmartSession"))), word(keccak(utf8("1")))));

  private SmartSessionData() {}

  /** {@code PolicyData(policy, initData)}. */
  record Policy(Address policy, Bytes initData) {
    Abi.Value abi() {
      return Abi.tuple(Abi.address(policy), Abi.bytes(initData));
    }

    Bytes32 hash() {
      return keccak(Abi.encode(word(POLICY_DATA_TYPEHASH), Abi.address(policy),
          word(keccak(initData))));
    }
  }

  /** {@code ActionData(actionTargetSelector, actionTarget, actionPolicies)}. */
  record Action(int selector, Address target, List<Policy> policies) {
    Abi.Value abi() {
      return Abi.tuple(selectorWord(selector), Abi.address(target),
          Abi.array(policies.stream().map(Policy::abi).toList()));
    }

    Bytes32 hash() {
      return keccak(Abi.encode(word(ACTION_DATA_TYPEHASH), selectorWord(selector),
          Abi.address(target), word(hashAll(policies.stream().map(Policy::hash).toList()))));
    }
  }

  /** A {@code Session} as module-sdk 0.4.0 encodes it (no ERC-7739 content or policies). */
  record Session(Address validator, Bytes validatorInit, Bytes32 salt, List<Policy> userOpPolicies,
      List<Action> actions, boolean permitPaymaster) {
    Abi.Value abi() {
      return Abi.tuple(Abi.address(validator), Abi.bytes(validatorInit), word(salt),
          Abi.array(userOpPolicies.stream().map(Policy::abi).toList()),
          Abi.tuple(Abi.array(List.of()), Abi.array(List.of())),
          Abi.array(actions.stream().map(Action::abi).toList()),
          Abi.uint(permitPaymaster ? 1 : 0));
    }

    /** {@code keccak256(abi.encode(sessionValidator, sessionValidatorInitData, salt))}. */
    Bytes32 permissionId() {
      return keccak(Abi.encode(Abi.address(validator), Abi.bytes(validatorInit), word(salt)));
    }

    /** The build's {@code SessionEIP712} hash of this session for {@code account}. */
    Bytes32 digest(Address account, Address smartSession, int mode, BigInteger nonce) {
      Bytes32 erc7739 = keccak(Bytes.concat(bytes(ERC7739_DATA_TYPEHASH),
          bytes(keccak(Bytes.EMPTY)), bytes(keccak(Bytes.EMPTY))));
      return keccak(Abi.encode(word(SESSION_TYPEHASH), Abi.address(account),
          Abi.address(smartSession), Abi.uint(mode), Abi.address(validator), word(salt),
          word(keccak(validatorInit)),
          word(hashAll(userOpPolicies.stream().map(Policy::hash).toList())), word(erc7739),
          word(hashAll(actions.stream().map(Action::hash).toList())), Abi.uint(nonce)));
    }
  }

  /** One UniActionPolicy {@code ParamRule}; {@code limit} counts only when limited. */
  record ParamRule(int condition, long offset, boolean limited, BigInteger ref,
      BigInteger limit) {
    static ParamRule of(int condition, long offset, BigInteger ref) {
      return new ParamRule(condition, offset, false, ref, BigInteger.ZERO);
    }
  }

  /** {@code ChainDigest(chainId, sessionDigest)}. */
  record ChainDigest(long chainId, Bytes32 sessionDigest) {}

  /** OwnableValidator's {@code abi.encode(uint256 threshold, address[] owners)}, owners sorted. */
  static Bytes ownableInit(int threshold, List<Address> owners) {
    List<Abi.Value> sorted = owners.stream()
        .sorted(Comparator.comparing(owner -> new BigInteger(1, owner.toArray())))
        .map(Abi::address).toList();
    return Abi.encode(Abi.uint(threshold), Abi.array(sorted));
  }

  /** TimeFramePolicy: {@code uint48 validUntil ‖ uint48 validAfter}. */
  static Bytes timeFrame(long validUntil, long validAfter) {
    return Bytes.concat(uint(validUntil, 6), uint(validAfter, 6));
  }

  /** UsageLimitPolicy: {@code uint128 limit}. */
  static Bytes usageLimit(long limit) {
    return uint(limit, 16);
  }

  /** ValueLimitPolicy: {@code uint256 limit}. */
  static Bytes valueLimit(BigInteger limit) {
    return Abi.encode(Abi.uint(limit));
  }

  /** ERC20SpendingLimitPolicy: {@code abi.encode(address[] tokens, uint256[] limits)}. */
  static Bytes spendingLimits(List<Address> tokens, List<BigInteger> limits) {
    return Abi.encode(Abi.array(tokens.stream().map(Abi::address).toList()),
        Abi.array(limits.stream().map(Abi::uint).toList()));
  }

  /** UniActionPolicy: {@code abi.encode(ActionConfig)}, the unused rules zero. */
  static Bytes uniAction(BigInteger valueLimitPerUse, List<ParamRule> rules) {
    return uniAction(valueLimitPerUse, rules.size(), rules);
  }

  /** UniActionPolicy's config with {@code length} declared, whatever the rules given. */
  static Bytes uniAction(BigInteger valueLimitPerUse, long length, List<ParamRule> rules) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Abi.encode(Abi.uint(valueLimitPerUse), Abi.uint(length)).toArray());
    for (int i = 0; i < UNI_ACTION_RULES; i++) {
      ParamRule rule = i < rules.size() ? rules.get(i)
          : new ParamRule(0, 0, false, BigInteger.ZERO, BigInteger.ZERO);
      out.writeBytes(Abi.encode(Abi.uint(rule.condition()), Abi.uint(rule.offset()),
          Abi.uint(rule.limited() ? 1 : 0), Abi.uint(rule.ref()), Abi.uint(rule.limit()),
          Abi.uint(0)).toArray());
    }
    return Bytes.wrap(out.toByteArray());
  }

  /** An IN_RANGE reference: {@code low << 128 | high}. */
  static BigInteger range(BigInteger low, BigInteger high) {
    return low.shiftLeft(128).or(high);
  }

  /** SmartSession's {@code onInstall} data: {@code abi.encode(Session[])}. */
  static Bytes installData(List<Session> sessions) {
    return Abi.encode(Abi.array(sessions.stream().map(Session::abi).toList()));
  }

  /** USE: {@code 0x00 ‖ permissionId ‖ the session validator's signature}. */
  static Bytes useSignature(Bytes32 permissionId, Bytes validatorSignature) {
    return Bytes.concat(Bytes.wrap(new byte[] {USE}), bytes(permissionId), validatorSignature);
  }

  /**
   * The same USE signature in the envelope of the modulekit 0.5.9 build, {@code 0x00 ‖
   * permissionId ‖ FastLZ(abi.encode(bytes signature))}; other signatures unchanged (that build
   * reads the enable modes as v1.0.0 does).
   */
  static Bytes prereleaseEnvelope(Bytes signature) {
    if (signature.length() < 33 || signature.get(0) != USE) {
      return signature;
    }
    return Bytes.concat(signature.slice(0, 33),
        literalFastLz(Abi.encode(Abi.bytes(signature.slice(33, signature.length())))));
  }

  /**
   * ENABLE or UNSAFE_ENABLE: {@code mode ‖ FastLZ(abi.encode(EnableSession, bytes
   * validatorSignature))}.
   */
  static Bytes enableSignature(int mode, int chainDigestIndex, List<ChainDigest> digests,
      Session session, Bytes permissionEnableSig, Bytes validatorSignature) {
    Abi.Value enable = Abi.tuple(Abi.uint(chainDigestIndex),
        Abi.array(digests.stream()
            .map(d -> Abi.tuple(Abi.uint(d.chainId()), word(d.sessionDigest()))).toList()),
        session.abi(), Abi.bytes(permissionEnableSig));
    Bytes payload = Abi.encode(enable, Abi.bytes(validatorSignature));
    return Bytes.concat(Bytes.wrap(new byte[] {(byte) mode}), literalFastLz(payload));
  }

  /** What the account's owner signs to enable: the multichain digest over {@code digests}. */
  static Bytes32 multichainDigest(List<ChainDigest> digests) {
    List<Bytes32> chainSessions = digests.stream()
        .map(d -> keccak(Abi.encode(word(CHAIN_SESSION_TYPEHASH), Abi.uint(d.chainId()),
            word(d.sessionDigest()))))
        .toList();
    Bytes32 struct = keccak(Abi.encode(word(MULTICHAIN_SESSION_TYPEHASH),
        word(hashAll(chainSessions))));
    return keccak(Bytes.concat(Bytes.fromHex("0x1901"), bytes(DOMAIN_SEPARATOR), bytes(struct)));
  }

  /**
   * FastLZ made only of literal runs (at most 32 bytes each), which Solady's {@code
   * flzDecompress} reads back unchanged.
   */
  static Bytes literalFastLz(Bytes data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < data.length(); at += 32) {
      int run = Math.min(32, data.length() - at);
      out.write(run - 1);
      out.writeBytes(data.slice(at, at + run).toArray());
    }
    return Bytes.wrap(out.toByteArray());
  }

  static Bytes32 keccak(Bytes data) {
    return Bytes32.of(Hash.sha3(data.toArray()));
  }

  private static Bytes32 hashAll(List<Bytes32> hashes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    hashes.forEach(h -> out.writeBytes(h.toArray()));
    return keccak(Bytes.wrap(out.toByteArray()));
  }

  private static Abi.Value selectorWord(int selector) {
    return Abi.fixedBytes(Bytes.wrap(new byte[] {(byte) (selector >>> 24),
        (byte) (selector >>> 16), (byte) (selector >>> 8), (byte) selector}));
  }

  private static Abi.Value word(Bytes32 value) {
    return new Abi.Word(value);
  }

  private static Bytes bytes(Bytes32 value) {
    return Bytes.wrap(value.toArray());
  }

  private static Bytes uint(long value, int size) {
    byte[] out = new byte[size];
    for (int i = 0; i < Math.min(size, 8); i++) {
      out[size - 1 - i] = (byte) (value >>> (8 * i));
    }
    return Bytes.wrap(out);
  }

  private static Bytes utf8(String text) {
    return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
