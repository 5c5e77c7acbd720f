package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.sessionkey.permission.Call;
import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session key may do, in one shape for every format: its signer, static validity window,
 * paymaster rule, whole-operation rules (gas budget, rate limit, usage and value budgets, policy
 * windows) and the {@link PermissionTree} its calls must fit. Stateful rules carry the on-chain
 * counters as they were when the grant was read (zero for a grant enabled by an operation).
 *
 * @param permissions the call scope, or null when the grant allows any call (no call policy)
 * @param policySignatureSlots how many policies precede the signer and may carry their own
 *     signature (Kernel v3 permissions); 0 where the format has no such prefix
 */
public record SessionGrant(
    GrantKey key,
    SessionSigner signer,
    ValidityWindow window,
    PaymasterRule paymasterRule,
    List<OperationRule> operationRules,
    PermissionTree permissions,
    int policySignatureSlots) {
  public SessionGrant {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(paymasterRule, "paymasterRule");
    operationRules = List.copyOf(operationRules);
    if (policySignatureSlots < 0) {
      throw new IllegalArgumentException("policySignatureSlots must not be negative");
    }
  }

  /**
   * Checks the whole-operation rules in order.
   *
   * @return null when all pass, else the first violation
   */
  public String checkOperationRules(PackedUserOperation op, List<Call> calls,
      Evaluation evaluation) {
    for (OperationRule rule : operationRules) {
      String violation = rule.check(op, calls, evaluation);
      if (violation != null) {
        return violation;
      }
    }
    return null;
  }

  /** This grant with {@code scope} as its call scope. */
  public SessionGrant withPermissions(PermissionTree scope) {
    return new SessionGrant(key, signer, window, paymasterRule, operationRules, scope,
        policySignatureSlots);
  }

  /** The call scope; empty when any call is allowed. */
  public Optional<PermissionTree> callScope() {
    return Optional.ofNullable(permissions);
  }
}
