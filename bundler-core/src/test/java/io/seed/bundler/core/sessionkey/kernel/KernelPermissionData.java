package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Condition;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes Kernel v3 permission install data as the ZeroDev SDK does: {@code abi.encode(bytes[])}
 * of {@code flag ‖ policy ‖ initData} elements and the signer last, with the policies' init data
 * in their published encodings.
 */
public final class KernelPermissionData {
  private KernelPermissionData() {}

  /** One element: a policy or the signer, its 2-byte flag and its init data. */
  public record Module(int flag, Address address, Bytes initData) {
    Bytes element() {
      return Bytes.concat(Bytes.wrap(new byte[] {(byte) (flag >>> 8), (byte) flag}),
          address.toBytes(), initData);
    }
  }

  /** A CallPolicy argument rule: condition code, byte offset after the selector, params. */
  public record Rule(int condition, long offset, List<Bytes32> params) {
    public static Rule of(Condition condition, long offset, BigInteger... params) {
      List<Bytes32> words = new ArrayList<>();
      for (BigInteger param : params) {
        words.add(Bytes32.fromUint(param));
      }
      return new Rule(code(condition), offset, words);
    }

    private static int code(Condition condition) {
      return switch (condition) {
        case EQUAL -> 0;
        case GREATER_THAN -> 1;
        case LESS_THAN -> 2;
        case GREATER_THAN_OR_EQUAL -> 3;
        case LESS_THAN_OR_EQUAL -> 4;
        case NOT_EQUAL -> 5;
        case ONE_OF -> 6;
        case SLICE_EQUAL -> 7;
        case IN_RANGE -> throw new IllegalArgumentException("CallPolicy has no IN_RANGE");
      };
    }
  }

  /** A CallPolicy permission. */
  public record CallPermission(CallType callType, Address target, int selector, BigInteger valueLimit,
      List<Rule> rules) {}

  /** {@code abi.encode(bytes[] elements)}: the policies in order, then the signer. */
  public static Bytes validatorData(List<Module> policies, Module signer) {
    List<Abi.Value> elements = new ArrayList<>();
    for (Module policy : policies) {
      elements.add(Abi.bytes(policy.element()));
    }
    elements.add(Abi.bytes(signer.element()));
    return Abi.encode(Abi.array(elements));
  }

  /** CallPolicy init data, {@code abi.encode(Permission[])}. */
  public static Bytes callPolicy(List<CallPermission> permissions) {
    List<Abi.Value> encoded = new ArrayList<>();
    for (CallPermission permission : permissions) {
      List<Abi.Value> rules = new ArrayList<>();
      for (Rule rule : permission.rules()) {
        rules.add(Abi.tuple(Abi.uint(rule.condition()), Abi.uint(rule.offset()),
            Abi.array(rule.params().stream().map(Abi.Word::new).toList())));
      }
      encoded.add(Abi.tuple(
          Abi.fixedBytes(Bytes.wrap(new byte[] {permission.callType().code()})),
          Abi.address(permission.target()),
          Abi.fixedBytes(selector(permission.selector())),
          Abi.uint(permission.valueLimit()),
          Abi.array(rules)));
    }
    return Abi.encode(Abi.array(encoded));
  }

  /** TimestampPolicy init data, {@code abi.encode(uint48 validAfter, uint48 validUntil)}. */
  public static Bytes timestamp(long validAfter, long validUntil) {
    return Abi.encode(Abi.uint(validAfter), Abi.uint(validUntil));
  }

  /** GasPolicy init data, {@code abi.encode(uint128 allowed, bool enforcePaymaster, address)}. */
  public static Bytes gas(BigInteger allowed, boolean enforcePaymaster, Address allowedPaymaster) {
    return Abi.encode(Abi.uint(allowed), Abi.uint(enforcePaymaster ? 1 : 0),
        Abi.address(allowedPaymaster));
  }

  /** RateLimitPolicy init data, {@code uint48 interval ‖ uint48 count ‖ uint48 startAt} packed. */
  public static Bytes rateLimit(long interval, long count, long startAt) {
    byte[] packed = new byte[18];
    long[] fields = {interval, count, startAt};
    for (int field = 0; field < 3; field++) {
      for (int i = 0; i < 6; i++) {
        packed[field * 6 + i] = (byte) (fields[field] >>> (8 * (5 - i)));
      }
    }
    return Bytes.wrap(packed);
  }

  public static Bytes selector(int selector) {
    return Bytes.wrap(new byte[] {(byte) (selector >>> 24), (byte) (selector >>> 16),
        (byte) (selector >>> 8), (byte) selector});
  }
}
