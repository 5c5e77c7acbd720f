package io.seed.bundler.core.sessionkey;

/** A grant's static validity window in seconds; {@code validUntil == 0} means no end. */
public record ValidityWindow(long validAfter, long validUntil) {
  /** No bound on either side. */
  public static final ValidityWindow UNBOUNDED = new ValidityWindow(0, 0);

  public ValidityWindow {
    if (validAfter < 0 || validUntil < 0) {
      throw new IllegalArgumentException("window bounds must not be negative");
    }
  }
}
