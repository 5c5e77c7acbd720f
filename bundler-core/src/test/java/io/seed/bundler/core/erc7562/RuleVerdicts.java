package io.seed.bundler.core.erc7562;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.ValidationPipelines;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.time.Clock;
import java.time.Duration;

/**
 * Judges rule-contract operations in safe mode, which must accept the allowed neighbours and
 * reject the violations with the reason and message expected. A violation must first pass plain
 * simulation: one the simulation refuses would not test the rules. (An accepted neighbour passed
 * the simulation inside safe mode already.)
 */
final class RuleVerdicts {
  private final ValidationPipeline plain;
  private final ValidationPipeline safe;
  private final EntryPoint entryPoint;

  RuleVerdicts(AnvilFixture anvil, EntryPoint entryPoint) {
    this.plain = ValidationPipelines.plain(anvil, anvil.eth(), Clock.systemUTC());
    SafeModeConfig config = new SafeModeConfig(
        RuleContracts.STAKE, Duration.ofSeconds(RuleContracts.UNSTAKE_DELAY_SECONDS));
    this.safe = plain.withSafeMode(SafeMode.detect(anvil.client(), config).join());
    this.entryPoint = entryPoint;
  }

  ValidationPipeline safe() {
    return safe;
  }

  /** Safe mode accepts {@code op} of the case {@code name}. */
  void assertAccepted(String name, PackedUserOperation op) {
    assertThatCode(() -> safe.validate(op, entryPoint)).as(name).doesNotThrowAnyException();
  }

  /**
   * Plain simulation accepts {@code op} of the case {@code name}; safe mode rejects it for {@code
   * reason} with a message containing every one of {@code fragments}.
   */
  void assertRejected(
      String name, PackedUserOperation op, RejectionReason reason, String... fragments) {
    assertThatCode(() -> plain.validate(op, entryPoint))
        .as("%s in plain simulation", name).doesNotThrowAnyException();
    assertThatThrownBy(() -> safe.validate(op, entryPoint))
        .as(name)
        .isInstanceOfSatisfying(UserOperationRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(reason);
          assertThat(rejected.getMessage()).contains(fragments);
        });
  }
}
