package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.V08;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ManualClock;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.mempool.reputation.ReputationEntry;
import io.seed.bundler.mempool.reputation.ReputationStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reputation kept in a real RocksDB store and read back after the store is reopened. */
class KvReputationStoreIT {
  private static final Address PAYMASTER = address(200);
  private static final Address FACTORY = address(100);
  private static final Address OTHER_PAYMASTER = address(300);

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:10:00Z"));
  private KvStore store;

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private Reputation reopen() {
    closeStore();
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);
    return Reputation.open(new KvReputationStore(store), ReputationConfig.defaults(), clock);
  }

  @Test
  void shouldKeepCountsOfEveryEntryPointAcrossReopen() throws Exception {
    Reputation reputation = reopen();
    reputation.set(V07, List.of(new ReputationEntry(PAYMASTER, 600, 3, ReputationStatus.OK)));
    reputation.set(V08, List.of(new ReputationEntry(FACTORY, 7, 1, ReputationStatus.OK)));
    try (Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), reputation)) {
      pool.add(TestOps.from(1).paymaster(OTHER_PAYMASTER).build());
    }

    Reputation reopened = reopen();

    assertThat(reopened.dump(V07)).containsExactly(
        new ReputationEntry(PAYMASTER, 600, 3, ReputationStatus.BANNED),
        new ReputationEntry(OTHER_PAYMASTER, 1, 0, ReputationStatus.OK));
    assertThat(reopened.dump(V08))
        .containsExactly(new ReputationEntry(FACTORY, 7, 1, ReputationStatus.OK));
  }

  @Test
  void shouldMakeUpTheDecayOfTheHoursSpentStopped() {
    reopen().set(V07, List.of(new ReputationEntry(PAYMASTER, 2_400, 240, ReputationStatus.OK)));

    clock.advance(Duration.ofHours(2));
    Reputation reopened = reopen();

    assertThat(reopened.dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 2_204, 220, ReputationStatus.OK));
    assertThat(reopen().dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 2_204, 220, ReputationStatus.OK));
  }

  @Test
  void shouldKeepClearedAndDecayedAwayEntitiesGone() {
    Reputation reputation = reopen();
    reputation.set(V07, List.of(
        new ReputationEntry(PAYMASTER, 50, 0, ReputationStatus.OK),
        new ReputationEntry(FACTORY, 1, 0, ReputationStatus.OK)));
    clock.advance(Duration.ofHours(1));
    assertThat(reputation.dump(V07)).hasSize(1);

    assertThat(reopen().dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 47, 0, ReputationStatus.OK));

    reopen().clear();
    assertThat(reopen().dump(V07)).isEmpty();
  }
}
