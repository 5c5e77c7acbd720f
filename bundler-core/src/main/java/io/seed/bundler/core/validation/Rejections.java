package io.seed.bundler.core.validation;

import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.abi.ValidationData;

/**
 * The one mapping from what simulation reports to the ERC-7769 rejection categories: EntryPoint
 * reverts by their AA code, signature failures and aggregators in the validation data, the validity
 * window, and reverted execution during estimation.
 */
public final class Rejections {
  /** The message ERC-7769 clients and the spec tests expect for a failed signature. */
  public static final String INVALID_SIGNATURE_MESSAGE =
      "Invalid UserOperation signature or paymaster signature";

  private Rejections() {}

  /**
   * A revert of {@code simulateValidation} or {@code simulateHandleOp}: AA1x/AA2x blame the
   * EntryPoint or the account, AA3x the paymaster, AA24/AA34 are signature errors; anything else is
   * reported as the EntryPoint's or account's rejection with its decoded reason.
   */
  public static UserOperationRejectedException fromRevert(EntryPointRevert revert) {
    String message = revert.describe();
    String reason =
        switch (revert) {
          case EntryPointRevert.FailedOp failed -> failed.reason();
          case EntryPointRevert.FailedOpWithRevert failed -> failed.reason();
          default -> "";
        };
    return new UserOperationRejectedException(categoryOf(reason), message);
  }

  /** The operation's own execution reverted while its gas was estimated. */
  public static UserOperationRejectedException executionReverted(EntryPointRevert revert) {
    return new UserOperationRejectedException(
        RejectionReason.EXECUTION_REVERTED, "execution reverted: " + revert.describe());
  }

  /**
   * Refuses a failed signature (account or paymaster) and any aggregator, which this bundler does
   * not support.
   */
  public static void requireAuthorized(ValidationData account, ValidationData paymaster)
      throws UserOperationRejectedException {
    if (account.signatureFailed() || paymaster.signatureFailed()) {
      throw new UserOperationRejectedException(
          RejectionReason.INVALID_SIGNATURE, INVALID_SIGNATURE_MESSAGE);
    }
    if (account.hasAggregator() || paymaster.hasAggregator()) {
      Object aggregator = account.hasAggregator() ? account.aggregator() : paymaster.aggregator();
      throw new UserOperationRejectedException(
          RejectionReason.UNSUPPORTED_AGGREGATOR, "unsupported aggregator " + aggregator);
    }
  }

  /**
   * Refuses a window that is not open now or closes within {@code marginSeconds}. An operation
   * whose validAfter is still ahead is refused too: the pool only holds operations that can go
   * into the next bundle.
   */
  public static void requireValidWindow(ValidationData window, long nowSeconds, long marginSeconds)
      throws UserOperationRejectedException {
    if (window.validAfter() > nowSeconds) {
      throw new UserOperationRejectedException(
          RejectionReason.EXPIRES_SHORTLY,
          "UserOperation is not valid yet: validAfter " + window.validAfter() + " is after now ("
              + nowSeconds + ")");
    }
    if (window.validUntil() != 0 && window.validUntil() < nowSeconds + marginSeconds) {
      String state = window.validUntil() < nowSeconds ? "expired" : "expires too soon";
      throw new UserOperationRejectedException(
          RejectionReason.EXPIRES_SHORTLY,
          "UserOperation " + state + ": validUntil " + window.validUntil() + ", now " + nowSeconds
              + ", required margin " + marginSeconds + " s");
    }
  }

  private static RejectionReason categoryOf(String reason) {
    if (reason.startsWith("AA24") || reason.startsWith("AA34")) {
      return RejectionReason.INVALID_SIGNATURE;
    }
    if (reason.startsWith("AA3")) {
      return RejectionReason.REJECTED_BY_PAYMASTER;
    }
    return RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT;
  }
}
