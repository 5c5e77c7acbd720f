package io.seed.bundler.core.gas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnusedGasPenaltyTest {

  @Test
  void shouldUndoTheV07PenaltyOnCallAndPostOpLimits() {
    for (long used : new long[] {0, 21_000, 123_457, 999_999}) {
      long limit = 1_000_000 + 50_000;
      long charged = used + (limit - used) * 10 / 100;
      long recovered = UnusedGasPenalty.V0_7.used(charged, 1_000_000, 50_000);
      assertThat(recovered).isBetween(used, used + 1);
    }
  }

  @Test
  void shouldUndoTheV08PenaltyOnlyAboveItsThreshold() {
    long used = 70_000;
    long charged = used + (1_000_000 - used) * 10 / 100;
    assertThat(UnusedGasPenalty.V0_8.used(charged, 1_000_000, 50_000)).isBetween(used, used + 1);
    assertThat(UnusedGasPenalty.V0_8.used(used, 100_000, 0)).isEqualTo(used);
  }

  @Test
  void shouldLeaveAChargeWithoutLimitAsIs() {
    assertThat(UnusedGasPenalty.V0_7.used(40_000, 0, 0)).isEqualTo(40_000);
    assertThat(UnusedGasPenalty.V0_8.used(40_000, 0, 0)).isEqualTo(40_000);
  }
}
