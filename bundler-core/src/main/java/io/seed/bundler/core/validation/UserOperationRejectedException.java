package io.seed.bundler.core.validation;

import java.util.Objects;

/**
 * A UserOperation refused by a stage of validation, the pool or estimation. The message is what
 * the client reads: it names the field, the AA reason or the violated rule.
 */
public final class UserOperationRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectionReason reason;

  /** A rejection for {@code reason} with a client-facing message. */
  public UserOperationRejectedException(RejectionReason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The category that decides the ERC-7769 error code. */
  public RejectionReason reason() {
    return reason;
  }
}
