package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.V08;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MempoolConcurrencyTest {
  private static final int WRITERS = 16;
  private static final int ACTIONS_PER_WRITER = 1_500;
  private static final MempoolConfig CONFIG = new MempoolConfig(150, 150L * 700, 4, 10, 4, 4);

  @Test
  void shouldKeepInvariantsUnderManyConcurrentWritersAndReaders() throws Exception {
    try (Mempool pool = Mempool.inMemory(CONFIG, StakedEntities.NONE);
        ExecutorService executor = Executors.newFixedThreadPool(WRITERS + 2)) {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger admitted = new AtomicInteger();
      AtomicInteger rejected = new AtomicInteger();
      ConcurrentLinkedQueue<Bytes32> replacedHashes = new ConcurrentLinkedQueue<>();
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        Random random = new Random(w);
        writers.add(executor.submit(() -> {
          start.await();
          List<Bytes32> mine = new ArrayList<>();
          for (int i = 0; i < ACTIONS_PER_WRITER; i++) {
            if (random.nextInt(10) == 0 && !mine.isEmpty()) {
              pool.remove(List.of(mine.remove(random.nextInt(mine.size()))));
              continue;
            }
            try {
              PoolEntry entry = randomEntry(random);
              pool.add(entry).ifPresent(replaced -> replacedHashes.add(replaced.userOpHash()));
              mine.add(entry.userOpHash());
              admitted.incrementAndGet();
            } catch (UserOperationRejectedException e) {
              rejected.incrementAndGet();
            }
          }
          return null;
        }));
      }
      Future<?> reader = executor.submit(() -> {
        start.await();
        while (writing.get()) {
          for (EntryPoint entryPoint : List.of(V07, V08)) {
            List<PoolEntry> dump = pool.dump(entryPoint);
            assertThat(new HashSet<>(dump)).hasSameSizeAs(dump);
            assertThat(pool.candidates(entryPoint, 1_000))
                .hasSizeLessThanOrEqualTo(CONFIG.maxOperations());
          }
          assertThat(pool.size()).isLessThanOrEqualTo(CONFIG.maxOperations());
        }
        return null;
      });
      Future<?> baseFees = executor.submit(() -> {
        start.await();
        Random random = new Random(99);
        while (writing.get()) {
          pool.setBaseFee(BigInteger.valueOf(random.nextInt(20)));
        }
        return null;
      });

      start.countDown();
      for (Future<?> writer : writers) {
        writer.get();
      }
      writing.set(false);
      reader.get();
      baseFees.get();

      pool.setBaseFee(BigInteger.valueOf(7));
      assertInvariants(pool, BigInteger.valueOf(7));
      assertThat(admitted.get()).isGreaterThan(1_000);
      assertThat(rejected.get()).isGreaterThan(100);
      for (Bytes32 hash : replacedHashes) {
        assertThat(pool.get(hash)).isEmpty();
      }
    }
  }

  /** 60 senders, 4 nonces in 2 keys, colliding fees, paymasters that are sometimes senders. */
  private static PoolEntry randomEntry(Random random) {
    int sender = random.nextInt(60);
    TestOps ops = TestOps.from(sender)
        .entryPoint(random.nextInt(4) == 0 ? V08 : V07)
        .nonce(random.nextInt(2), random.nextInt(2))
        .fees(10 + random.nextInt(40), 1 + random.nextInt(20))
        .callData(random.nextInt(400));
    if (random.nextInt(5) == 0) {
      int paymaster = random.nextInt(10) == 0 ? random.nextInt(60) : 1_000 + random.nextInt(5);
      ops.paymaster(address(paymaster));
    }
    return ops.build();
  }

  /**
   * Each sender's nonce sequence (per key) comes in nonce order, and the sequences enter the
   * order with their lowest nonce, best effective tip first.
   */
  private static void assertNonceOrderWithinSequencesAndBestFirstAcross(
      List<PoolEntry> candidates, BigInteger baseFee) {
    Map<List<Object>, BigInteger> lastNonce = new HashMap<>();
    BigInteger previousFirstTip = null;
    for (PoolEntry entry : candidates) {
      List<Object> sequence = List.of(entry.sender(), entry.operation().nonceKey());
      BigInteger previous = lastNonce.put(sequence, entry.operation().nonce());
      if (previous != null) {
        assertThat(entry.operation().nonce()).isGreaterThan(previous);
      } else {
        BigInteger tip = Fees.effectiveTip(entry.operation(), baseFee);
        if (previousFirstTip != null) {
          assertThat(tip).isLessThanOrEqualTo(previousFirstTip);
        }
        previousFirstTip = tip;
      }
    }
  }

  private static void assertInvariants(Mempool pool, BigInteger baseFee) {
    List<PoolEntry> all = new ArrayList<>();
    long bytes = 0;
    for (EntryPoint entryPoint : List.of(V07, V08)) {
      List<PoolEntry> dump = pool.dump(entryPoint);
      all.addAll(dump);
      List<PoolEntry> candidates = pool.candidates(entryPoint, Integer.MAX_VALUE);
      assertThat(candidates).containsExactlyInAnyOrderElementsOf(dump);
      assertNonceOrderWithinSequencesAndBestFirstAcross(candidates, baseFee);
      Map<Address, Integer> senders = new HashMap<>();
      Map<Address, Integer> paymasters = new HashMap<>();
      Set<List<Object>> slots = new HashSet<>();
      for (PoolEntry entry : dump) {
        assertThat(pool.get(entry.userOpHash())).contains(entry);
        assertThat(slots.add(List.of(entry.sender(), entry.operation().nonce()))).isTrue();
        senders.merge(entry.sender(), 1, Integer::sum);
        if (entry.operation().paymaster() != null) {
          paymasters.merge(entry.operation().paymaster(), 1, Integer::sum);
        }
        bytes += OperationSize.of(entry.operation());
      }
      senders.forEach((sender, count) -> {
        assertThat(count).isLessThanOrEqualTo(CONFIG.maxOperationsPerUnstakedSender());
        assertThat(pool.entityCount(entryPoint, EntityRole.SENDER, sender)).isEqualTo(count);
        assertThat(paymasters).doesNotContainKey(sender);
      });
      paymasters.forEach((paymaster, count) ->
          assertThat(pool.entityCount(entryPoint, EntityRole.PAYMASTER, paymaster))
              .isEqualTo(count));
    }
    assertThat(pool.size()).isEqualTo(all.size()).isLessThanOrEqualTo(CONFIG.maxOperations());
    assertThat(bytes).isLessThanOrEqualTo(CONFIG.maxBytes());
  }
}
