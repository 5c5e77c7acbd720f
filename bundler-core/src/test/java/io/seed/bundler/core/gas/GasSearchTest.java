package io.seed.bundler.core.gas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GasSearchTest {

  @Test
  void shouldFindTheSmallestPassingLimitWithinTolerance() throws Exception {
    long found = GasSearch.smallestPassing(0, 1_000_000, -1, 100, gas -> gas >= 123_456);
    assertThat(found).isBetween(123_456L, 123_556L);
  }

  @Test
  void shouldNeedFewerProbesWithAGoodGuess() throws Exception {
    AtomicInteger blind = new AtomicInteger();
    AtomicInteger guided = new AtomicInteger();
    GasSearch.smallestPassing(0, 1_000_000, -1, 100, gas -> blind.incrementAndGet() > 0 && gas >= 50_000);
    GasSearch.smallestPassing(0, 1_000_000, 50_100, 100, gas -> guided.incrementAndGet() > 0 && gas >= 50_000);
    assertThat(guided.get()).isLessThan(blind.get());
  }
}
