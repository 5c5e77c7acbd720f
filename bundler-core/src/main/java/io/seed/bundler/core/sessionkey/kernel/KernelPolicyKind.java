package io.seed.bundler.core.sessionkey.kernel;

/** The ZeroDev policies whose init data and checks this package models. */
public enum KernelPolicyKind {
  /** CallPolicy v0.0.2 and later: {@code ParamRule.params} is {@code bytes32[]}. */
  CALL_POLICY,
  /** TimestampPolicy: a validity window. */
  TIMESTAMP,
  /** GasPolicy: a wei budget and an optional paymaster. */
  GAS,
  /** RateLimitPolicy (without reset): uses spaced by an interval. */
  RATE_LIMIT,
  /** SudoPolicy: allows everything. */
  SUDO
}
