package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.Objects;

/**
 * What the pre-validator concluded about one operation. Only {@link Kind#REJECT} may skip
 * simulation; every other verdict still goes through it.
 *
 * @param reason the ERC-7769 category, set only for {@link Kind#REJECT}
 * @param message for REJECT the client-facing reason; for UNKNOWN why it could not be judged
 * @param grant the grant the operation uses, null for NOT_APPLICABLE
 */
public record Verdict(Kind kind, RejectionReason reason, String message, GrantKey grant) {
  private static final Verdict NOT_APPLICABLE = new Verdict(Kind.NOT_APPLICABLE, null, "", null);

  /** The four outcomes. */
  public enum Kind {
    /** Not a session-key operation of a recognised format. */
    NOT_APPLICABLE,
    /** A session-key operation that cannot be judged in memory (no grant cached, opaque policy). */
    UNKNOWN,
    /** Within the grant as far as memory can tell; simulation still decides. */
    PASS,
    /** The chain would refuse it; refuse it now. */
    REJECT
  }

  public Verdict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    if ((kind == Kind.REJECT) != (reason != null)) {
      throw new IllegalArgumentException("a reason is given exactly for REJECT");
    }
  }

  /** The verdict for operations outside every recognised format. */
  public static Verdict notApplicable() {
    return NOT_APPLICABLE;
  }

  /** A recognised operation that simulation must judge. */
  public static Verdict unknown(GrantKey grant, String why) {
    return new Verdict(Kind.UNKNOWN, null, why, grant);
  }

  /** An operation within its grant. */
  public static Verdict pass(GrantKey grant) {
    return new Verdict(Kind.PASS, null, "", grant);
  }

  /** An operation the chain would refuse. */
  public static Verdict reject(GrantKey grant, RejectionReason reason, String message) {
    return new Verdict(Kind.REJECT, Objects.requireNonNull(reason, "reason"), message, grant);
  }

  /** True for REJECT. */
  public boolean rejected() {
    return kind == Kind.REJECT;
  }

  /** Throws the rejection for a REJECT verdict; does nothing otherwise. */
  public void throwIfRejected() throws UserOperationRejectedException {
    if (kind == Kind.REJECT) {
      throw new UserOperationRejectedException(reason, message);
    }
  }
}
