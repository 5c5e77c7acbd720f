package io.seed.bundler.core.validation;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ValidationPipeline}.
 *
 * @param expiryMargin how long an operation must stay valid after it arrives; one whose validUntil
 *     is closer is refused as expiring shortly
 * @param headerMaxAge how long one read of the latest header (base fee, gas limit, timestamp)
 *     serves the checks of later operations; zero reads it for every operation
 */
public record ValidationConfig(Duration expiryMargin, Duration headerMaxAge) {
  /**
   * Thirty seconds of margin: a few blocks to be bundled in. A header reused for a quarter of a
   * second: far less than a block on most chains, and well inside the margin, while a burst of
   * operations shares one read.
   */
  public static final ValidationConfig DEFAULTS =
      new ValidationConfig(Duration.ofSeconds(30), Duration.ofMillis(250));

  public ValidationConfig {
    Objects.requireNonNull(expiryMargin, "expiryMargin");
    Objects.requireNonNull(headerMaxAge, "headerMaxAge");
    if (expiryMargin.isNegative()) {
      throw new IllegalArgumentException("expiryMargin must not be negative");
    }
    if (headerMaxAge.isNegative()) {
      throw new IllegalArgumentException("headerMaxAge must not be negative");
    }
  }
}
