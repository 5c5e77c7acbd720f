package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PaymasterRule;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.ValidityWindow;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.GasBudget;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.RateLimit;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Kernel v3 permission's {@link SessionGrant} from its stored policies (flag and address,
 * in Kernel's order) and signer, with each modelled policy's settings taken from its install data
 * or from its view getter. Install data, {@code abi.encode(bytes[])} whose elements are {@code
 * flag(2) ‖ policy(20) ‖ initData} and, last, {@code flag(2) ‖ signer(20) ‖ signerData}, arrives
 * in enable mode and in {@code installValidations}; the node-backed loader reads the getters.
 * Either way the same policies are skipped, the first CallPolicy gives the call scope and every
 * policy not modelled is opaque.
 */
public final class KernelPermissionDecoder {
  /** The flag bit ({@code NOT_FOR_VALIDATE_USEROP}) that keeps a policy or signer out of validation. */
  static final int SKIP_USER_OPERATION = 0x0001;

  private final KernelPermissionContracts contracts;

  /** One policy of a permission as Kernel stores it. */
  record Policy(int flag, Address address) {
    boolean skipsUserOperations() {
      return (flag & SKIP_USER_OPERATION) != 0;
    }
  }

  /**
   * What Kernel's {@code permissionConfig(permissionId)} holds: the permission's flag, its signer
   * and its policies in order.
   */
  record StoredPermission(int flag, Address signer, List<Policy> policies) {
    StoredPermission {
      policies = List.copyOf(policies);
    }
  }

  /** What a policy adds to a grant. */
  enum Role {
    /** Flagged not for user operations: Kernel does not call it. */
    SKIPPED,
    /** The first CallPolicy: the grant's call scope. */
    CALL_SCOPE,
    /** A modelled whole-operation policy (window, gas, rate limit, sudo). */
    RULE,
    /** Not modelled, or a second CallPolicy whose tree would have to hold at the same time. */
    OPAQUE
  }

  /** The settings of one permission's policies, from install data or from the chain. */
  interface Settings {
    /** The call scope that the CallPolicy at {@code policy} holds. */
    PermissionTree callScope(int policy);

    /** The rule of the policy of {@code kind} at {@code policy}; null when it adds none (sudo). */
    OperationRule rule(int policy, KernelPolicyKind kind);
  }

  /** A decoder that models the contracts in {@code contracts}. */
  public KernelPermissionDecoder(KernelPermissionContracts contracts) {
    this.contracts = contracts;
  }

  /**
   * The grant that {@code validatorData} installs under {@code key}.
   *
   * @throws SessionKeyDecodingException when the data is malformed or the permission is flagged
   *     as not for user operations (validation reverts either way)
   */
  public SessionGrant decode(GrantKey key, Bytes validatorData) {
    List<Bytes> elements = elements(validatorData);
    if (elements.isEmpty() || elements.size() > 254) {
      throw SessionKeyDecodingException.reverts("a permission needs 1 to 254 elements");
    }
    for (Bytes element : elements) {
      if (element.length() < 22) {
        throw SessionKeyDecodingException.reverts("permission element shorter than 22 bytes");
      }
    }
    Bytes signerElement = elements.getLast();
    if ((flag(signerElement) & SKIP_USER_OPERATION) != 0) {
      throw SessionKeyDecodingException.reverts("permission is not enabled for user operations");
    }
    List<Bytes> policyElements = elements.subList(0, elements.size() - 1);
    List<Policy> policies = policyElements.stream()
        .map(element -> new Policy(flag(element), moduleAddress(element)))
        .toList();
    return grant(key, policies, signer(moduleAddress(signerElement), initData(signerElement)),
        new Settings() {
          @Override
          public PermissionTree callScope(int policy) {
            return CallPolicyDecoder.decode(initData(policyElements.get(policy)));
          }

          @Override
          public OperationRule rule(int policy, KernelPolicyKind kind) {
            return installedRule(kind, initData(policyElements.get(policy)));
          }
        });
  }

  /**
   * Kernel's answer to {@code permissionConfig(bytes4)}: the tuple {@code (bytes2 permissionFlag,
   * address signer, bytes22[] policyData)}, each policy datum {@code flag(2) ‖ policy(20)}.
   *
   * @throws AbiDecodingException when the answer is not such a tuple
   */
  static StoredPermission storedPermission(Bytes output) {
    AbiReader config = AbiReader.of(output).tupleAt(0);
    int count = config.arrayLength(64);
    AbiReader data = config.arrayElements(64);
    List<Policy> policies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Bytes datum = Bytes.wrap(data.word(i * 32).toArray());
      policies.add(new Policy(flag(datum), moduleAddress(datum)));
    }
    return new StoredPermission(flag(Bytes.wrap(config.word(0).toArray())), config.address(32),
        policies);
  }

  /**
   * The grant under {@code key} of {@code permission} as the modules' view getters tell it:
   * {@code signerOutput} is what ECDSASigner's {@code signer(id, wallet)} answered (null for a
   * signer not modelled), {@code policyOutputs} what each modelled policy's getter answered, by
   * its index (SudoPolicy has none), and {@code storedPermissions} what CallPolicy's {@code encodedPermissions}
   * answered for each key read (the ABI-encoded {@code bytes}). The call scope holds those keys
   * alone.
   */
  SessionGrant read(GrantKey key, StoredPermission permission, Bytes signerOutput,
      Map<Integer, Bytes> policyOutputs, Map<CallKey, Bytes> storedPermissions) {
    SessionSigner signer = signerOutput == null
        ? signer(permission.signer(), Bytes.EMPTY)
        : signer(permission.signer(), AbiReader.of(signerOutput).address(0).toBytes());
    return grant(key, permission.policies(), signer, new Settings() {
      @Override
      public PermissionTree callScope(int policy) {
        Map<CallKey, Bytes> stored = new HashMap<>();
        storedPermissions.forEach((callKey, output) ->
            stored.put(callKey, AbiReader.of(output).dynamicBytes(0)));
        return CallPolicyDecoder.readTree(stored);
      }

      @Override
      public OperationRule rule(int policy, KernelPolicyKind kind) {
        return readRule(kind, policyOutputs.getOrDefault(policy, Bytes.EMPTY));
      }
    });
  }

  /** What each of {@code policies} adds to a grant, in their order. */
  List<Role> roles(List<Policy> policies) {
    List<Role> roles = new ArrayList<>(policies.size());
    boolean scoped = false;
    for (Policy policy : policies) {
      KernelPolicyKind kind = kind(policy);
      if (policy.skipsUserOperations()) {
        roles.add(Role.SKIPPED);
      } else if (kind == KernelPolicyKind.CALL_POLICY && !scoped) {
        scoped = true;
        roles.add(Role.CALL_SCOPE);
      } else if (kind != null && kind != KernelPolicyKind.CALL_POLICY) {
        roles.add(Role.RULE);
      } else {
        roles.add(Role.OPAQUE);
      }
    }
    return roles;
  }

  /** The modelled kind of {@code policy}'s contract, or null. */
  KernelPolicyKind kind(Policy policy) {
    return contracts.policies().get(policy.address());
  }

  /** True when {@code signer} is a modelled ECDSASigner. */
  boolean isEcdsaSigner(Address signer) {
    return contracts.ecdsaSigners().contains(signer);
  }

  /** The grant of {@code policies}, set as {@code settings} tells, signed by {@code signer}. */
  SessionGrant grant(GrantKey key, List<Policy> policies, SessionSigner signer,
      Settings settings) {
    List<Role> roles = roles(policies);
    List<OperationRule> rules = new ArrayList<>();
    PermissionTree tree = null;
    for (int i = 0; i < policies.size(); i++) {
      Policy policy = policies.get(i);
      switch (roles.get(i)) {
        case SKIPPED -> { }
        case CALL_SCOPE -> tree = settings.callScope(i);
        case RULE -> {
          OperationRule rule = settings.rule(i, kind(policy));
          if (rule != null) {
            rules.add(rule);
          }
        }
        case OPAQUE -> rules.add(new OpaqueRule(policy.address()));
      }
    }
    return new SessionGrant(key, signer, ValidityWindow.UNBOUNDED, PaymasterRule.ANY, rules, tree,
        policies.size());
  }

  /**
   * The signer contract {@code contract} with its data: ECDSASigner's is the session key's 20
   * bytes (install data, or the address its getter returns); any other signer is opaque.
   */
  SessionSigner signer(Address contract, Bytes data) {
    if (isEcdsaSigner(contract)) {
      if (data.length() < 20) {
        throw SessionKeyDecodingException.reverts("ECDSA signer data shorter than 20 bytes");
      }
      return new SessionSigner.EcdsaSessionKey(Address.of(data.slice(0, 20).toArray()));
    }
    return new SessionSigner.OpaqueSigner(contract, data);
  }

  /**
   * The rule of a policy of {@code kind} installed with {@code init}: TimestampPolicy {@code
   * abi.encode(uint48 validAfter, uint48 validUntil)}, GasPolicy {@code abi.encode(uint128
   * allowed, bool enforcePaymaster, address allowedPaymaster)}, RateLimitPolicy the packed {@code
   * uint48 interval ‖ uint48 count ‖ uint48 startAt}; null for SudoPolicy.
   */
  static OperationRule installedRule(KernelPolicyKind kind, Bytes init) {
    try {
      return switch (kind) {
        case TIMESTAMP -> timeWindow(init);
        case GAS -> gasBudget(init);
        case RATE_LIMIT -> {
          if (init.length() < 18) {
            throw SessionKeyDecodingException.reverts("rate limit data shorter than 18 bytes");
          }
          byte[] raw = init.toArray();
          yield new RateLimit(packed48(raw, 0), packed48(raw, 6), packed48(raw, 12));
        }
        case SUDO, CALL_POLICY -> null;
      };
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts(kind + " data: " + malformed.getMessage());
    }
  }

  /**
   * The rule of a policy of {@code kind} whose getter answered {@code output}: {@code
   * timestampPolicyConfig} and {@code gasPolicyConfig} return their install data's words (the gas
   * allowance as it is now), {@code rateLimitConfigs} returns {@code (uint48 interval, uint48
   * count, uint48 startAt)} as they are now; SudoPolicy has none.
   */
  static OperationRule readRule(KernelPolicyKind kind, Bytes output) {
    try {
      return switch (kind) {
        case TIMESTAMP -> timeWindow(output);
        case GAS -> gasBudget(output);
        case RATE_LIMIT -> {
          AbiReader reader = AbiReader.of(output);
          yield new RateLimit(uint48(reader.uint(0)), uint48(reader.uint(32)),
              uint48(reader.uint(64)));
        }
        case SUDO, CALL_POLICY -> null;
      };
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts(kind + " getter: " + malformed.getMessage());
    }
  }

  private static TimeWindowRule timeWindow(Bytes words) {
    AbiReader reader = AbiReader.of(words);
    return new TimeWindowRule(uint48(reader.uint(0)), uint48(reader.uint(32)));
  }

  private static GasBudget gasBudget(Bytes words) {
    AbiReader reader = AbiReader.of(words);
    BigInteger allowed = reader.uint(0);
    Address paymaster = reader.address(64);
    boolean enforce = reader.bool(32) && !paymaster.isZero();
    return new GasBudget(allowed, enforce ? paymaster : null);
  }

  private static List<Bytes> elements(Bytes validatorData) {
    try {
      AbiReader reader = AbiReader.of(validatorData);
      int count = reader.arrayLength(0);
      AbiReader items = reader.arrayElements(0);
      List<Bytes> elements = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        elements.add(items.dynamicBytes(i * 32));
      }
      return elements;
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("permission data: " + malformed.getMessage());
    }
  }

  private static int flag(Bytes element) {
    return (element.get(0) & 0xff) << 8 | (element.get(1) & 0xff);
  }

  private static Address moduleAddress(Bytes element) {
    return Address.of(element.slice(2, 22).toArray());
  }

  private static Bytes initData(Bytes element) {
    return element.slice(22, element.length());
  }

  private static long uint48(BigInteger word) {
    if (word.bitLength() > 48) {
      throw SessionKeyDecodingException.reverts("value does not fit in uint48");
    }
    return word.longValue();
  }

  private static long packed48(byte[] raw, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(raw, offset, offset + 6)).longValue();
  }
}
