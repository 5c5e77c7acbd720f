package io.seed.bundler.core.validation;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ValidationPipeline}.
 *
 * @param expiryMargin how long an operation must stay valid after it arrives; one whose validUntil
 *     is closer is refused as expiring shortly
 */
public record ValidationConfig(Duration expiryMargin) {
  /** Thirty seconds: a few blocks to be bundled in. */
  public static final ValidationConfig DEFAULTS = new ValidationConfig(Duration.ofSeconds(30));

  public ValidationConfig {
    Objects.requireNonNull(expiryMargin, "expiryMargin");
    if (expiryMargin.isNegative()) {
      throw new IllegalArgumentException("expiryMargin must not be negative");
    }
  }
}
