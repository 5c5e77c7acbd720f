package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.validation.RejectionReason;
import java.util.Objects;

/**
 * Session-key data (nonce, signature, enable payload, call data) that does not have the shape its
 * format defines. It carries how the chain treats that input: most malformations make validation
 * revert ({@link RejectionReason#REJECTED_BY_ENTRYPOINT_OR_ACCOUNT}), some only fail the signature
 * ({@link RejectionReason#INVALID_SIGNATURE}). The only exception the session-key decoders throw.
 */
public final class SessionKeyDecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final RejectionReason chainTreatment;

  /** A malformation the chain would treat as {@code chainTreatment}. */
  public SessionKeyDecodingException(RejectionReason chainTreatment, String message) {
    super(message, null, false, false);
    this.chainTreatment = Objects.requireNonNull(chainTreatment, "chainTreatment");
  }

  /** A malformation that makes validation revert. */
  public static SessionKeyDecodingException reverts(String message) {
    return new SessionKeyDecodingException(
        RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, message);
  }

  /** How the chain treats the input. */
  public RejectionReason chainTreatment() {
    return chainTreatment;
  }
}
