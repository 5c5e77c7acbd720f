package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.chain.InclusionListener;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.sessionkey.permission.ArgumentRule;
import io.seed.bundler.core.sessionkey.permission.CallPermission;
import io.seed.bundler.core.sessionkey.permission.CallRule;
import io.seed.bundler.core.sessionkey.permission.CallType;
import io.seed.bundler.core.sessionkey.permission.Erc7579Execution;
import io.seed.bundler.core.sessionkey.permission.OpaqueRule;
import io.seed.bundler.core.sessionkey.permission.OperationRule;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.sessionkey.permission.TimeWindowRule;
import io.seed.bundler.core.sessionkey.permission.ValueLimit;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.Prevalidation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link SessionKeyPrevalidator} as the validation pipeline's {@link Prevalidation}: a
 * rejection is thrown, every other verdict lets simulation decide; the grant an operation's enable
 * data installs is cached once simulation has proven its enable signature. As an {@link
 * InclusionListener} it forgets a grant whose stateful counters (gas, rate, usage, value and
 * spending budgets) an included operation has moved, since the cached counters no longer match
 * the chain (stateless grants stay), and every grant of an account whose included operation may
 * have reconfigured it (revocations in Kernel v3.1 emit no event). It sees only operations that
 * were pending in this bundler; changes made elsewhere age out with the cache's time to live.
 */
public final class SessionKeyPrevalidation implements Prevalidation, InclusionListener {
  private final SessionKeyPrevalidator prevalidator;
  private final GrantCache grants;
  private final long chainId;

  /** Pre-validation on {@code chainId} by {@code prevalidator}, keeping grants in {@code grants}. */
  public SessionKeyPrevalidation(SessionKeyPrevalidator prevalidator, GrantCache grants,
      long chainId) {
    this.prevalidator = Objects.requireNonNull(prevalidator, "prevalidator");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.chainId = chainId;
  }

  @Override
  public void check(PackedUserOperation op, EntryPoint entryPoint, Bytes32 userOpHash,
      long nowSeconds) throws UserOperationRejectedException {
    prevalidator.check(op, entryPoint, chainId, userOpHash, nowSeconds).throwIfRejected();
  }

  @Override
  public void simulated(PackedUserOperation op, EntryPoint entryPoint) {
    prevalidator.enabledGrant(op, entryPoint, chainId).ifPresent(grants::put);
  }

  @Override
  public void included(List<IncludedOperation> operations) {
    for (IncludedOperation included : operations) {
      Optional<PoolEntry> entry = included.pendingEntry();
      if (entry.isEmpty()) {
        continue;
      }
      PackedUserOperation op = entry.get().operation();
      if (mayReconfigure(op)) {
        grants.invalidateAccount(chainId, op.sender());
        continue;
      }
      prevalidator.grantKey(op, included.entryPoint(), chainId)
          .filter(key -> grants.find(key).map(SessionKeyPrevalidation::counts).orElse(false))
          .ifPresent(grants::invalidate);
    }
  }

  /**
   * True when {@code op} may have changed what its account validates: Kernel's {@code
   * uninstallValidation} and {@code invalidateNonce} emit no event, nor do re-installs, so any
   * call that is not an ERC-7579 {@code execute} of plain calls to other contracts (the account
   * calling itself, a delegatecall, or another entry point of the account) counts.
   */
  private static boolean mayReconfigure(PackedUserOperation op) {
    if (!Erc7579Execution.isExecute(op.callData())) {
      return !op.callData().isEmpty();
    }
    try {
      return Erc7579Execution.decode(op.callData()).calls().stream()
          .anyMatch(call -> call.type() != CallType.CALL || call.target().equals(op.sender()));
    } catch (SessionKeyDecodingException malformed) {
      return true;
    }
  }

  /** True when {@code grant} carries on-chain counters that an included operation moves. */
  private static boolean counts(SessionGrant grant) {
    for (OperationRule rule : grant.operationRules()) {
      if (!(rule instanceof TimeWindowRule || rule instanceof OpaqueRule)) {
        return true;
      }
    }
    // A tree without the target wildcard may hold a fallback permission it does not list; its
    // rules cannot be inspected, so such a grant counts as stateful.
    return grant.callScope()
        .map(tree -> !tree.zeroTargetMatchesAny()
            || tree.permissions().values().stream()
                .map(CallPermission::rules)
                .flatMap(List::stream)
                .anyMatch(SessionKeyPrevalidation::counts))
        .orElse(false);
  }

  private static boolean counts(CallRule rule) {
    return !(rule instanceof ValueLimit || rule instanceof ArgumentRule
        || rule instanceof TimeWindowRule || rule instanceof OpaqueRule);
  }
}
