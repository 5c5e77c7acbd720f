package io.seed.bundler.core.abi;

/** ABI-encoded data that does not have the shape its type promises. */
public final class AbiDecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message saying which read failed. */
  public AbiDecodingException(String message) {
    super(message);
  }
}
