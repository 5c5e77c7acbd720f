package io.seed.bundler.rpc.jsonrpc;

import io.seed.bundler.core.validation.RejectionReason;

/** The error codes this server answers with: JSON-RPC 2.0's own and ERC-7769's. */
public enum RpcError {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  REJECTED_BY_ENTRYPOINT_OR_ACCOUNT(-32500),
  REJECTED_BY_PAYMASTER(-32501),
  BANNED_OPCODE(-32502),
  EXPIRES_SHORTLY(-32503),
  REPUTATION(-32504),
  INSUFFICIENT_STAKE(-32505),
  UNSUPPORTED_AGGREGATOR(-32506),
  INVALID_SIGNATURE(-32507),
  PAYMASTER_DEPOSIT_TOO_LOW(-32508),
  EXECUTION_REVERTED(-32521);

  private final int code;

  RpcError(int code) {
    this.code = code;
  }

  /** The numeric code on the wire. */
  public int code() {
    return code;
  }

  /** The wire code of a rejection: the only place a {@link RejectionReason} gets its number. */
  public static RpcError of(RejectionReason reason) {
    return switch (reason) {
      case INVALID_FIELDS -> INVALID_PARAMS;
      case REJECTED_BY_ENTRYPOINT_OR_ACCOUNT -> REJECTED_BY_ENTRYPOINT_OR_ACCOUNT;
      case REJECTED_BY_PAYMASTER -> REJECTED_BY_PAYMASTER;
      case BANNED_OPCODE -> BANNED_OPCODE;
      case EXPIRES_SHORTLY -> EXPIRES_SHORTLY;
      case REPUTATION -> REPUTATION;
      case INSUFFICIENT_STAKE -> INSUFFICIENT_STAKE;
      case UNSUPPORTED_AGGREGATOR -> UNSUPPORTED_AGGREGATOR;
      case INVALID_SIGNATURE -> INVALID_SIGNATURE;
      case PAYMASTER_DEPOSIT_TOO_LOW -> PAYMASTER_DEPOSIT_TOO_LOW;
      case EXECUTION_REVERTED -> EXECUTION_REVERTED;
    };
  }
}
