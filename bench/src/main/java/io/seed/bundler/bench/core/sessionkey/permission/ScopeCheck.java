package io.seed.bundler.bench.core.sessionkey.permission;

import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.CallKey;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import java.util.List;

/**
 * The scope check alone, on calls already decoded: per call one {@link PermissionTree#find} and
 * the matching permission's rules, as a Kernel session-key operation runs them after decoding
 * its {@code execute} call data. The benchmarks measure it apart from decoding with this.
 */
public final class ScopeCheck {
  private ScopeCheck() {}

  /**
   * The first violation of {@code calls} against {@code tree} (a call no key covers included), or
   * null when every call is in scope.
   */
  public static String firstViolation(PermissionTree tree, List<Call> calls,
      Evaluation evaluation) {
    for (Call call : calls) {
      int selector = call.data().isEmpty() ? 0 : call.leadingSelector();
      CallPermission permission = tree.find(new CallKey(call.type(), call.target(), selector));
      String violation = permission == null ? "out of scope" : permission.check(call, evaluation);
      if (violation != null) {
        return violation;
      }
    }
    return null;
  }
}
