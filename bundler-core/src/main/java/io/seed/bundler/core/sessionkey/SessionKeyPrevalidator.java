package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.sessionkey.permission.Evaluation;
import io.seed.bundler.core.sessionkey.permission.PermissionTree;
import io.seed.bundler.core.sessionkey.permission.SessionKeyDecodingException;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges session-key operations in memory before simulation, with no I/O: it recognises the
 * format from the nonce, takes the grant from the operation's enable data or the {@link
 * GrantCache}, checks the paymaster rule, every call and whole-operation rule (counting the
 * pending operations of the same grant first), the session key's signature and the validity
 * window, in the order the chain fails them: reverts (-32500), then signature (-32507), then
 * window (-32503). A cache miss or anything not modelled is UNKNOWN, never a rejection; a miss,
 * or a call a partial grant has not read yet, also asks the {@link GrantLoader} to read from the
 * chain what the next operations need.
 */
public final class SessionKeyPrevalidator {
  private static final String PREFIX = "session key: ";

  private final List<SessionKeyFormat> formats;
  private final GrantCache grants;
  private final SignerVerification signers;
  private final PendingOperations pending;
  private final long expiryMarginSeconds;
  private final GrantLoader loader;

  /**
   * A pre-validator reading {@code formats} (first match wins), with grants from {@code grants},
   * session public keys from {@code signers}, pending operations from {@code pending}; an
   * operation whose window ends within {@code expiryMarginSeconds} of now is rejected as expiring.
   */
  public SessionKeyPrevalidator(
      List<SessionKeyFormat> formats,
      GrantCache grants,
      SignerVerification signers,
      PendingOperations pending,
      long expiryMarginSeconds) {
    this(formats, grants, signers, pending, expiryMarginSeconds, GrantLoader.NONE);
  }

  /**
   * A pre-validator as above that, on a cache miss, asks {@code loader} to read the grant from the
   * chain for later operations.
   */
  public SessionKeyPrevalidator(
      List<SessionKeyFormat> formats,
      GrantCache grants,
      SignerVerification signers,
      PendingOperations pending,
      long expiryMarginSeconds,
      GrantLoader loader) {
    this.formats = List.copyOf(formats);
    this.grants = Objects.requireNonNull(grants, "grants");
    this.signers = Objects.requireNonNull(signers, "signers");
    this.pending = Objects.requireNonNull(pending, "pending");
    if (expiryMarginSeconds < 0) {
      throw new IllegalArgumentException("expiryMarginSeconds must not be negative");
    }
    this.expiryMarginSeconds = expiryMarginSeconds;
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /**
   * Judges {@code op}, whose hash for {@code entryPoint} on {@code chainId} is {@code userOpHash},
   * at {@code nowSeconds} (unix time). Never throws for malformed input and does no I/O.
   */
  public Verdict check(
      PackedUserOperation op,
      EntryPoint entryPoint,
      long chainId,
      Bytes32 userOpHash,
      long nowSeconds) {
    for (SessionKeyFormat format : formats) {
      Optional<GrantKey> key = format.grantKey(op, entryPoint, chainId);
      if (key.isPresent()) {
        return judge(format, key.get(), op, entryPoint, chainId, userOpHash, nowSeconds);
      }
    }
    return Verdict.notApplicable();
  }

  /**
   * The grant that {@code op}'s own enable data installs, for the caller to {@link GrantCache#put}
   * once simulation has shown the enable signature valid (it cannot be verified without chain
   * state).
   */
  public Optional<SessionGrant> enabledGrant(
      PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    for (SessionKeyFormat format : formats) {
      Optional<GrantKey> key = format.grantKey(op, entryPoint, chainId);
      if (key.isPresent()) {
        try {
          return format.decode(op, key.get()).enabledGrant();
        } catch (SessionKeyDecodingException malformed) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The grant {@code op} uses in the first format that recognises it, read from its nonce. */
  public Optional<GrantKey> grantKey(PackedUserOperation op, EntryPoint entryPoint, long chainId) {
    for (SessionKeyFormat format : formats) {
      Optional<GrantKey> key = format.grantKey(op, entryPoint, chainId);
      if (key.isPresent()) {
        return key;
      }
    }
    return Optional.empty();
  }

  private Verdict judge(
      SessionKeyFormat format,
      GrantKey key,
      PackedUserOperation op,
      EntryPoint entryPoint,
      long chainId,
      Bytes32 userOpHash,
      long now) {
    Optional<SessionGrant> cached = grants.find(key);
    boolean disabled = grants.isDisabled(key);
    try {
      SessionOperation decoded = format.decode(op, key);
      SessionGrant grant = decoded.enabledGrant().or(() -> cached).orElse(null);
      if (grant == null) {
        if (disabled) {
          return revert(key, "permission " + key.grantId() + " is not enabled for " + key.account());
        }
        loader.load(key, op);
        return Verdict.unknown(key, "no grant cached for " + key);
      }
      String paymaster = grant.paymasterRule().check(op);
      if (paymaster != null) {
        return revert(key, paymaster);
      }
      String paymasterUnread = grant.paymasterRule().undecided(op);
      if (paymasterUnread != null) {
        return Verdict.unknown(key, paymasterUnread);
      }
      Evaluation evaluation =
          pendingConsumption(format, key, grant, op, entryPoint, chainId).fork();
      String violation = decoded.checkScope(grant, evaluation);
      if (violation != null) {
        return revert(key, violation);
      }
      SignatureCheck signature =
          decoded.checkSignature(grant, userOpHash.toArray(), signers);
      if (signature == SignatureCheck.INVALID) {
        return Verdict.reject(
            key, RejectionReason.INVALID_SIGNATURE, PREFIX + "signature does not match the grant");
      }
      Verdict window = window(key, grant.window(), evaluation, now);
      if (window != null) {
        return window;
      }
      if (signature == SignatureCheck.UNDECIDED) {
        return Verdict.unknown(key, "the session signer is not modelled");
      }
      String undecided = evaluation.undecidedReason();
      if (undecided == null) {
        return Verdict.pass(key);
      }
      if (!grant.callScope().map(PermissionTree::isComplete).orElse(true)) {
        loader.load(key, op);
      }
      return Verdict.unknown(key, undecided);
    } catch (SessionKeyDecodingException malformed) {
      if (format.nonceIdentifiesScheme() || cached.isPresent() || disabled) {
        return Verdict.reject(key, malformed.chainTreatment(), PREFIX + malformed.getMessage());
      }
      return Verdict.unknown(key, "malformed for " + key + ", and no grant proves the scheme");
    }
  }

  private Verdict window(GrantKey key, ValidityWindow grantWindow, Evaluation evaluation,
      long now) {
    evaluation.narrowWindow(grantWindow.validAfter(), grantWindow.validUntil());
    if (evaluation.validAfter() > now) {
      return Verdict.reject(key, RejectionReason.EXPIRES_SHORTLY,
          PREFIX + "not valid before " + evaluation.validAfter() + " (now " + now + ")");
    }
    long until = evaluation.validUntil();
    if (until != 0 && until < now + expiryMarginSeconds) {
      String state = until < now
          ? "expired " + (now - until) + "s ago"
          : "closes within the " + expiryMarginSeconds + "s margin";
      return Verdict.reject(key, RejectionReason.EXPIRES_SHORTLY,
          PREFIX + "valid until " + until + ", " + state + " (now " + now + ")");
    }
    return null;
  }

  /**
   * What the pending operations of the same grant consume before {@code op} runs: those with the
   * same nonce key and a lower sequence, in order. One that would fail on chain consumes nothing,
   * exactly as its reverted validation would not; one that cannot be decoded is skipped for the
   * same reason.
   */
  private Evaluation pendingConsumption(
      SessionKeyFormat format,
      GrantKey key,
      SessionGrant grant,
      PackedUserOperation op,
      EntryPoint entryPoint,
      long chainId) {
    Evaluation consumed = new Evaluation();
    BigInteger nonceKey = op.nonceKey();
    for (PackedUserOperation earlier : pending.of(key)) {
      if (!earlier.sender().equals(op.sender())
          || !earlier.nonceKey().equals(nonceKey)
          || Long.compareUnsigned(earlier.nonceSequence(), op.nonceSequence()) >= 0
          || !format.grantKey(earlier, entryPoint, chainId).equals(Optional.of(key))) {
        continue;
      }
      Evaluation attempt = consumed.fork();
      try {
        if (format.decode(earlier, key).checkScope(grant, attempt) == null) {
          consumed.adopt(attempt);
        }
      } catch (SessionKeyDecodingException malformed) {
        // A pending operation that cannot be decoded fails on chain and consumes nothing.
      }
    }
    return consumed;
  }

  private static Verdict revert(GrantKey key, String violation) {
    return Verdict.reject(key, RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
        PREFIX + violation);
  }
}
