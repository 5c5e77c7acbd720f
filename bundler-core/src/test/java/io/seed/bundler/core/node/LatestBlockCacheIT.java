package io.seed.bundler.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LatestBlockCacheIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private final FakeTicker ticker = new FakeTicker();

  private long requestsDuring(Runnable reads) {
    long before = ANVIL.client().requestCount();
    reads.run();
    return ANVIL.client().requestCount() - before;
  }

  @Test
  void shouldServeManyCallersWithOneReadUntilItIsOld() {
    LatestBlockCache headers = new LatestBlockCache(ANVIL.eth(), ticker, Duration.ofMillis(250));
    List<CompletableFuture<BlockHeader>> reads = new ArrayList<>();

    long shared = requestsDuring(() -> {
      for (int i = 0; i < 50; i++) {
        reads.add(headers.latest());
      }
      reads.forEach(CompletableFuture::join);
    });
    BlockHeader first = reads.getFirst().join();
    assertThat(shared).isEqualTo(1);
    assertThat(reads).allSatisfy(read -> assertThat(read.join()).isEqualTo(first));

    ANVIL.client().request("evm_mine").join();
    ticker.advance(Duration.ofMillis(249));
    assertThat(headers.latest().join()).isEqualTo(first);

    ticker.advance(Duration.ofMillis(1));
    long renewed = requestsDuring(() ->
        assertThat(headers.latest().join().number()).isEqualTo(first.number() + 1));
    assertThat(renewed).isEqualTo(1);
  }

  @Test
  void shouldReadForEveryCallerWhenReuseIsOff() {
    LatestBlockCache headers = new LatestBlockCache(ANVIL.eth(), ticker, Duration.ZERO);

    long requests = requestsDuring(() -> {
      headers.latest().join();
      headers.latest().join();
      headers.latest().join();
    });

    assertThat(requests).isEqualTo(3);
  }
}
