package io.seed.bundler.core.sessionkey.kernel;

import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import java.util.List;

/**
 * The scope check of ZeroDev's CallPolicy over decoded calls: per call one {@link
 * PermissionTree} look-up and the matching permission's rules. Public so the benchmarks time the
 * check the pre-validator runs, not a copy of it.
 */
public final class CallPolicyScope {
  private CallPolicyScope() {}

  /**
   * Every call must match a CallPolicy permission: {@code (callType, target, selector)}, then the
   * zero target; empty data has selector 0, and 1 to 3 bytes of data make the slice revert. A
   * call the tree has not read yet leaves the operation undecided.
   *
   * @return null when every call is in scope (or undecided), else the first violation, naming the
   *     call and the rule
   */
  public static String check(PermissionTree tree, List<Call> calls, Evaluation evaluation) {
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      CallKey key = key(call);
      if (key == null) {
        return "call " + i + " to " + call.target() + ": data shorter than a selector";
      }
      if (!tree.covers(key)) {
        evaluation.undecided(where(i, key) + ": its permission is not read from the chain yet");
        continue;
      }
      CallPermission permission = tree.find(key);
      if (permission == null) {
        return where(i, key) + ": not permitted by the call policy";
      }
      String violation = permission.check(call, evaluation);
      if (violation != null) {
        return where(i, key) + ": " + violation;
      }
    }
    return null;
  }

  /**
   * The key CallPolicy looks {@code call} up by, its selector 0 for empty data; null for 1 to 3
   * bytes of data, whose selector slice reverts.
   */
  static CallKey key(Call call) {
    int length = call.data().length();
    if (length > 0 && length < 4) {
      return null;
    }
    return new CallKey(call.type(), call.target(), length == 0 ? 0 : call.leadingSelector());
  }

  /** Names a violating call; built only on violation, it costs more than checking a call. */
  private static String where(int index, CallKey key) {
    return "call " + index + " to " + key.target() + " selector " + key.selectorHex();
  }
}
