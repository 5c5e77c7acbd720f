package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.Prevalidation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.Objects;

/**
 * The {@link SessionKeyPrevalidator} as the validation pipeline's {@link Prevalidation}: a
 * rejection is thrown, every other verdict lets simulation decide; the grant an operation's enable
 * data installs is cached once simulation has proven its enable signature. What included
 * operations change is the {@link GrantObserver}'s job.
 */
public final class SessionKeyPrevalidation implements Prevalidation {
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
}
