package io.seed.bundler.core.sessionkey.permission;

/** How an account performs one call, as the ERC-7579 mode's first byte says. */
public enum CallType {
  /** A plain CALL (mode byte 0x00; each element of a batch, 0x01, is one too). */
  CALL((byte) 0x00),
  /** A DELEGATECALL (mode byte 0xff). */
  DELEGATECALL((byte) 0xff);

  private final byte code;

  CallType(byte code) {
    this.code = code;
  }

  /** The byte that identifies this call type in permission hashes. */
  public byte code() {
    return code;
  }
}
