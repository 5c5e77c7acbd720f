package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.sessionkey.PaymasterRule;
import io.seed.bundler.core.sessionkey.SessionGrant;
import io.seed.bundler.core.sessionkey.SessionSigner;
import io.seed.bundler.core.sessionkey.ValidityWindow;
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
import java.util.List;

/**
 * Decodes a Kernel v3 permission's install data, {@code abi.encode(bytes[])} whose elements are
 * {@code flag(2) ‖ policy(20) ‖ initData} and, last, {@code flag(2) ‖ signer(20) ‖ signerData},
 * into a {@link SessionGrant}. The same bytes arrive in enable mode and in {@code
 * installValidations}, so the node-backed loader can use this too.
 */
public final class KernelPermissionDecoder {
  private static final int SKIP_USER_OPERATION = 0x0001;

  private final KernelPermissionContracts contracts;

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
    Bytes signerElement = elements.get(elements.size() - 1);
    if ((flag(signerElement) & SKIP_USER_OPERATION) != 0) {
      throw SessionKeyDecodingException.reverts("permission is not enabled for user operations");
    }
    List<OperationRule> rules = new ArrayList<>();
    PermissionTree tree = null;
    for (Bytes policy : elements.subList(0, elements.size() - 1)) {
      if ((flag(policy) & SKIP_USER_OPERATION) != 0) {
        continue;
      }
      Address address = moduleAddress(policy);
      Bytes init = policy.slice(22, policy.length());
      KernelPolicyKind kind = contracts.policies().get(address);
      if (kind == KernelPolicyKind.CALL_POLICY && tree == null) {
        tree = CallPolicyDecoder.decode(init);
      } else if (kind != null && kind != KernelPolicyKind.CALL_POLICY) {
        policyRule(kind, init, rules);
      } else {
        // Unknown, or a second call policy whose tree would have to hold at the same time.
        rules.add(new OpaqueRule(address));
      }
    }
    return new SessionGrant(key, signer(signerElement), ValidityWindow.UNBOUNDED, PaymasterRule.ANY,
        rules, tree, elements.size() - 1);
  }

  private SessionSigner signer(Bytes element) {
    Address address = moduleAddress(element);
    Bytes data = element.slice(22, element.length());
    if (contracts.ecdsaSigners().contains(address)) {
      if (data.length() < 20) {
        throw SessionKeyDecodingException.reverts("ECDSA signer data shorter than 20 bytes");
      }
      return new SessionSigner.EcdsaSessionKey(Address.of(data.slice(0, 20).toArray()));
    }
    return new SessionSigner.OpaqueSigner(address, data);
  }

  private static void policyRule(KernelPolicyKind kind, Bytes init, List<OperationRule> rules) {
    try {
      AbiReader reader = AbiReader.of(init);
      switch (kind) {
        case TIMESTAMP -> rules.add(new TimeWindowRule(uint48(reader.uint(0)),
            uint48(reader.uint(32))));
        case GAS -> {
          BigInteger allowed = reader.uint(0);
          Address paymaster = reader.address(64);
          boolean enforce = reader.bool(32) && !paymaster.isZero();
          rules.add(new GasBudget(allowed, enforce ? paymaster : null));
        }
        case RATE_LIMIT -> {
          if (init.length() < 18) {
            throw SessionKeyDecodingException.reverts("rate limit data shorter than 18 bytes");
          }
          byte[] raw = init.toArray();
          rules.add(new RateLimit(packed48(raw, 0), packed48(raw, 6), packed48(raw, 12)));
        }
        case SUDO, CALL_POLICY -> { }
      }
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts(kind + " data: " + malformed.getMessage());
    }
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

  private static long uint48(BigInteger word) {
    if (word.bitLength() > 48) {
      throw SessionKeyDecodingException.reverts("timestamp does not fit in uint48");
    }
    return word.longValue();
  }

  private static long packed48(byte[] raw, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(raw, offset, offset + 6)).longValue();
  }
}
