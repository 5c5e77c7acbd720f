package io.seed.bundler.core.sessionkey.smartsessions;

/** The Smart Sessions policies whose init data and checks this package models. */
public enum SmartSessionPolicyKind {
  /** SudoPolicy: allows everything. */
  SUDO,
  /** UniActionPolicy: value per use and up to 16 argument rules, optionally cumulative. */
  UNI_ACTION,
  /** TimeFramePolicy: {@code uint48 validUntil ‖ uint48 validAfter}. */
  TIME_FRAME,
  /** ValueLimitPolicy: a cumulative native-value budget. */
  VALUE_LIMIT,
  /** UsageLimitPolicy: a number of uses. */
  USAGE_LIMIT,
  /** ERC20SpendingLimitPolicy: per-token spending limits. */
  SPENDING_LIMITS
}
