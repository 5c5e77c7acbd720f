package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.V08;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.kv.KvColumn;
import io.seed.bundler.mempool.kv.KvSerializer;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.kv.KvTransaction;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ManualClock;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.mempool.reputation.ReputationEntry;
import io.seed.bundler.mempool.reputation.ReputationStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DurableMempoolIT {
  @TempDir Path dir;
  private KvStore store;
  private Mempool pool;

  @BeforeEach
  void openEmptyPool() {
    reopen();
  }

  @AfterEach
  void closeAll() {
    if (pool != null) {
      pool.close();
    }
    if (store != null) {
      store.close();
    }
  }

  private Mempool open(MempoolConfig config, RecoveryCheck check) {
    return open(config, check, SyncMode.DURABLE);
  }

  private Mempool open(MempoolConfig config, RecoveryCheck check, SyncMode mode) {
    closeAll();
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, mode);
    pool = Mempool.open(store, config, StakedEntities.NONE, check);
    return pool;
  }

  /** Adds one operation with the default fees from each sender. */
  private List<PoolEntry> addFromSenders(int... senders) throws UserOperationRejectedException {
    List<PoolEntry> entries = new ArrayList<>();
    for (int sender : senders) {
      entries.add(TestOps.from(sender).build());
    }
    return addAll(entries);
  }

  private List<PoolEntry> addAll(List<PoolEntry> entries) throws UserOperationRejectedException {
    for (PoolEntry entry : entries) {
      pool.add(entry);
    }
    return entries;
  }

  private Mempool reopen() {
    return open(MempoolConfig.defaults(), RecoveryCheck.NONE);
  }

  @ParameterizedTest
  @EnumSource(SyncMode.class)
  void shouldRebuildIndexesFromStoreOnReopen(SyncMode mode) throws Exception {
    open(MempoolConfig.defaults(), RecoveryCheck.NONE, mode);
    PoolEntry low = TestOps.from(1).tip(5).paymaster(address(50)).build();
    PoolEntry high = TestOps.from(2).tip(9).factory(address(60)).build();
    PoolEntry otherKey = TestOps.from(1).nonce(3, 0).tip(7).build();
    PoolEntry onV08 = TestOps.from(3).entryPoint(V08).build();
    addAll(List.of(low, high, otherKey, onV08));

    reopen();

    assertThat(pool.dump(V07)).containsExactly(low, high, otherKey);
    assertThat(pool.dump(V08)).containsExactly(onV08);
    assertThat(pool.pendingOf(V07, address(1))).containsExactly(low, otherKey);
    assertThat(pool.candidates(V07, 10)).containsExactly(high, otherKey, low);
    assertThat(pool.get(low.userOpHash())).contains(low);
    assertThat(pool.entityCount(V07, EntityRole.SENDER, address(1))).isEqualTo(2);
    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, address(50))).isEqualTo(1);
    assertThat(pool.entityCount(V07, EntityRole.FACTORY, address(60))).isEqualTo(1);
  }

  @Test
  void shouldEnforceRulesAgainstRecoveredOperations() throws Exception {
    PoolEntry first = TestOps.from(1).build();
    pool.add(first);
    for (int key = 1; key < 4; key++) {
      pool.add(TestOps.from(1).nonce(key, 0).build());
    }

    reopen();

    assertThatThrownBy(() -> pool.add(first)).hasMessageContaining("already in mempool");
    assertThatThrownBy(() -> pool.add(TestOps.from(1).nonce(9, 0).build()))
        .hasMessageContaining("unstaked");
    assertThatThrownBy(() -> pool.add(TestOps.from(1).fees(51, 11).build()))
        .hasMessageContaining("replacement underpriced");
  }

  @Test
  void shouldKeepTheCodeHashesAndStorageValidationUsedAcrossReopen() throws Exception {
    PoolEntry reader = TestOps.from(2)
        .codeHashes(new CodeHashes(Map.of(address(7), Bytes32.fromUint(BigInteger.TEN))))
        .storage(new AccessedStorage(Set.of(address(1), address(5))))
        .build();
    pool.add(reader);

    reopen();

    assertThat(pool.get(reader.userOpHash())).hasValueSatisfying(recovered -> {
      assertThat(recovered.storage()).isEqualTo(reader.storage());
      assertThat(recovered.codeHashes()).isEqualTo(reader.codeHashes());
    });
  }

  @Test
  void shouldRecoverOperationsStoredInFormatThreeWithoutStorage() throws Exception {
    PoolEntry entry = TestOps.from(1)
        .codeHashes(new CodeHashes(Map.of(address(7), Bytes32.fromUint(BigInteger.TEN))))
        .build();
    byte[] current = new PooledOperationSerializer().serialize(new PooledOperation(0, entry));
    // format 3 ended after the code hashes, before the storage's count
    byte[] formatThree = Arrays.copyOf(current, current.length - 4);
    formatThree[0] = 3;
    KvColumn<Bytes32, byte[]> raw = new KvColumn<>(
        MempoolSchema.OPERATIONS.id(), "pending userOps as stored",
        MempoolSchema.OPERATIONS.keySerializer(), KvSerializer.of(bytes -> bytes, bytes -> bytes));
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(raw, entry.userOpHash(), formatThree);
      tx.put(MempoolSchema.NONCE_SLOTS, NonceSlot.of(entry), entry.userOpHash());
      tx.commit();
    }

    reopen();

    assertThat(pool.dump(V07)).containsExactly(entry);
    assertThat(pool.get(entry.userOpHash()).orElseThrow().storage())
        .isEqualTo(AccessedStorage.NONE);
  }

  @Test
  void shouldContinueArrivalOrderAfterReopen() throws Exception {
    PoolEntry first = TestOps.from(1).build();
    pool.add(first);

    reopen();
    PoolEntry second = TestOps.from(2).build();
    pool.add(second);

    reopen();
    assertThat(pool.dump(V07)).containsExactly(first, second);
  }

  @Test
  void shouldPersistReplacement() throws Exception {
    PoolEntry first = TestOps.from(1).fees(50, 10).build();
    PoolEntry replacement = TestOps.from(1).fees(55, 11).build();
    addAll(List.of(first, replacement));

    reopen();

    assertThat(pool.dump(V07)).containsExactly(replacement);
    assertThat(pool.get(first.userOpHash())).isEmpty();
  }

  @Test
  void shouldPersistEviction() throws Exception {
    MempoolConfig twoOps = new MempoolConfig(2, 1 << 20, 4, 10, 4, 4);
    open(twoOps, RecoveryCheck.NONE);
    List<PoolEntry> cheapKeptNewcomer = addAll(TestOps.withTips(1, 5, 9));

    reopen();

    assertThat(pool.dump(V07)).isEqualTo(cheapKeptNewcomer.subList(1, 3));
  }

  @Test
  void shouldPersistRemovalAndClear() throws Exception {
    List<PoolEntry> removedAndKept = addFromSenders(1, 2);
    pool.remove(List.of(removedAndKept.get(0).userOpHash()));

    reopen();
    assertThat(pool.dump(V07)).containsExactly(removedAndKept.get(1));

    pool.clear();
    reopen();
    assertThat(pool.size()).isZero();
  }

  @Test
  void shouldDropOperationsTheRecoveryCheckRejects() throws Exception {
    List<PoolEntry> staleAndValid = addFromSenders(1, 2);
    PoolEntry valid = staleAndValid.get(1);

    open(MempoolConfig.defaults(), entry -> {
      if (entry.equals(staleAndValid.get(0))) {
        throw new UserOperationRejectedException(
            RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA25 invalid account nonce");
      }
    });
    assertThat(pool.dump(V07)).containsExactly(valid);

    reopen();
    assertThat(pool.dump(V07)).containsExactly(valid);
  }

  @Test
  void shouldDropNothingWhenRecoveryCheckCannotDecide() throws Exception {
    PoolEntry entry = TestOps.from(1).build();
    pool.add(entry);
    closeAll();
    pool = null;
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);

    RecoveryCheck nodeDown = e -> {
      throw new IllegalStateException("node unavailable");
    };
    assertThatThrownBy(
            () -> Mempool.open(store, MempoolConfig.defaults(), StakedEntities.NONE, nodeDown))
        .hasMessageContaining("dropped nothing")
        .hasMessageContaining("node unavailable");

    reopen();
    assertThat(pool.dump(V07)).containsExactly(entry);
  }

  @Test
  void shouldReplayStoredOperationsUnderNewLimits() throws Exception {
    List<PoolEntry> cheapMidHigh = addAll(TestOps.withTips(1, 2, 3));

    open(new MempoolConfig(2, 1 << 20, 4, 10, 4, 4), RecoveryCheck.NONE);

    assertThat(pool.dump(V07)).isEqualTo(cheapMidHigh.subList(1, 3));
    reopen();
    assertThat(pool.dump(V07)).isEqualTo(cheapMidHigh.subList(1, 3));
  }

  @Test
  void shouldRepairNonceIndexThatDisagreesWithOperations() throws Exception {
    List<PoolEntry> holderAndUnindexed = addFromSenders(1, 2);
    PoolEntry stray = TestOps.from(1).fees(99, 20).build();
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(MempoolSchema.OPERATIONS, stray.userOpHash(), new PooledOperation(99, stray));
      tx.delete(MempoolSchema.NONCE_SLOTS, NonceSlot.of(holderAndUnindexed.get(1)));
      tx.put(MempoolSchema.NONCE_SLOTS, NonceSlot.of(TestOps.from(3).build()), Bytes32.ZERO);
      tx.commit();
    }

    reopen();
    assertThat(pool.dump(V07)).isEqualTo(holderAndUnindexed);

    List<Bytes32> storedHashes = new ArrayList<>();
    store.forEach(MempoolSchema.OPERATIONS, (hash, op) -> storedHashes.add(hash));
    List<Bytes32> indexed = new ArrayList<>();
    store.forEach(MempoolSchema.NONCE_SLOTS, (slot, hash) -> indexed.add(hash));
    List<Bytes32> expected = holderAndUnindexed.stream().map(PoolEntry::userOpHash).toList();
    assertThat(storedHashes).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(indexed).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldRejectNewOperationWhenWriteFailsAndKeepStoredOnes() throws Exception {
    closeAll();
    FaultyKvStore faulty =
        new FaultyKvStore(RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE));
    store = faulty;
    pool = Mempool.open(store, MempoolConfig.defaults(), StakedEntities.NONE, RecoveryCheck.NONE);
    List<PoolEntry> stored = addFromSenders(1, 2);

    faulty.diskFull(true);
    PoolEntry refused = TestOps.from(3).build();
    assertThatThrownBy(() -> pool.add(refused))
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("userOp " + refused.userOpHash() + " was not added to the mempool")
        .hasMessageContaining("No space left on device");
    assertThatThrownBy(() -> pool.add(TestOps.from(1).fees(60, 20).build()))
        .isInstanceOf(KvStoreException.class);
    assertThatThrownBy(() -> pool.remove(List.of(stored.get(1).userOpHash())))
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("were not removed");
    assertThat(pool.dump(V07)).isEqualTo(stored);
    assertThat(pool.get(refused.userOpHash())).isEmpty();
    assertThat(pool.entityCount(V07, EntityRole.SENDER, address(3))).isZero();

    faulty.diskFull(false);
    pool.add(refused);
    reopen();
    assertThat(pool.dump(V07)).containsExactly(stored.get(0), stored.get(1), refused);
  }

  @Test
  void shouldRejectNewOperationCleanlyWhenStoreIsClosed() throws Exception {
    PoolEntry stored = TestOps.from(1).build();
    pool.add(stored);
    store.close();

    assertThatThrownBy(() -> pool.add(TestOps.from(2).build()))
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("is closed");
    assertThat(pool.dump(V07)).containsExactly(stored);

    reopen();
    assertThat(pool.dump(V07)).containsExactly(stored);
  }

  @Test
  void shouldKeepEveryAcknowledgedOperationFromManyThreads() throws Exception {
    int threads = 32;
    int perThread = 40;
    ConcurrentLinkedQueue<Bytes32> acknowledged = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(executor.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            PoolEntry entry = TestOps.from(thread * perThread + i).tip(1 + i).build();
            pool.add(entry);
            acknowledged.add(entry.userOpHash());
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    }

    reopen();

    assertThat(acknowledged).hasSize(threads * perThread);
    assertThat(pool.size()).isEqualTo(threads * perThread);
    assertThat(Set.copyOf(pool.dump(V07).stream().map(PoolEntry::userOpHash).toList()))
        .isEqualTo(Set.copyOf(acknowledged));
  }

  @Test
  void shouldKeepTheStakesThatFreeAStakedSenderAcrossReopen() throws Exception {
    EntityStakes staked =
        new EntityStakes(
            new StakeInfo(BigInteger.TEN.pow(18), BigInteger.valueOf(86_400)), StakeInfo.NONE,
            StakeInfo.NONE);
    Reputation reputation = reputation();
    openWith(reputation);
    List<PoolEntry> entries = new ArrayList<>();
    for (int nonce = 0; nonce < 6; nonce++) {
      entries.add(TestOps.from(1).nonce(nonce).stakes(staked).build());
    }
    addAll(entries);

    openWith(reputation);

    assertThat(pool.dump(V07)).isEqualTo(entries);
  }

  @Test
  void shouldDropStoredOperationsOfAnEntityBannedSinceTheyWereAdmitted() throws Exception {
    Reputation reputation = reputation();
    openWith(reputation);
    PoolEntry ofPaymaster = TestOps.from(1).paymaster(address(200)).build();
    PoolEntry other = TestOps.from(2).build();
    addAll(List.of(ofPaymaster, other));

    reputation.set(
        V07, List.of(new ReputationEntry(address(200), 10_000, 0, ReputationStatus.BANNED)));
    openWith(reputation);

    assertThat(pool.dump(V07)).containsExactly(other);
  }

  private static Reputation reputation() {
    return Reputation.inMemory(
        ReputationConfig.defaults(), new ManualClock(Instant.parse("2025-03-01T10:10:00Z")));
  }

  private void openWith(Reputation reputation) {
    closeAll();
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);
    pool = Mempool.open(store, MempoolConfig.defaults(), reputation, RecoveryCheck.NONE);
  }
}
