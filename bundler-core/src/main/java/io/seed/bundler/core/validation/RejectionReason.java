package io.seed.bundler.core.validation;

/**
 * Why a UserOperation was refused, in the categories ERC-7769 gives error codes to. The RPC layer
 * maps each to its wire code; nothing below it knows the numbers.
 */
public enum RejectionReason {
  /** A field is malformed, missing, too long or out of range (-32602). */
  INVALID_FIELDS,
  /** The EntryPoint or the account rejected validation: AA1x, AA2x (-32500). */
  REJECTED_BY_ENTRYPOINT_OR_ACCOUNT,
  /** The paymaster rejected validation: AA3x (-32501). */
  REJECTED_BY_PAYMASTER,
  /** Validation used a banned opcode or storage (-32502). */
  BANNED_OPCODE,
  /** The validity window is expired, not yet open or closes too soon (-32503). */
  EXPIRES_SHORTLY,
  /** An entity is throttled or banned by reputation (-32504). */
  REPUTATION,
  /** An entity's stake or unstake delay is too low (-32505). */
  INSUFFICIENT_STAKE,
  /** The operation names an aggregator this bundler does not support (-32506). */
  UNSUPPORTED_AGGREGATOR,
  /** The account's or paymaster's signature is invalid (-32507). */
  INVALID_SIGNATURE,
  /** The paymaster's deposit cannot pay for the operation (-32508). */
  PAYMASTER_DEPOSIT_TOO_LOW,
  /** The operation's execution reverted during estimation (-32521). */
  EXECUTION_REVERTED
}
