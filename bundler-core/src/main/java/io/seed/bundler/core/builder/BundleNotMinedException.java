package io.seed.bundler.core.builder;

/**
 * A bundle transaction that {@link BundleBuilder#sendBundleNow()} sent was not mined: it timed out
 * (it may still be mined later) or its nonce was used by a transaction this process did not send.
 */
public final class BundleNotMinedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message saying which transaction or nonce and why. */
  public BundleNotMinedException(String message) {
    super(message);
  }
}
