package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.IncludedRecords.blockHash;
import static io.seed.bundler.mempool.IncludedRecords.included;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvStoreException;
import io.seed.bundler.mempool.kv.KvTransaction;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.kv.SyncMode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The included-operations index in a real RocksDB store, across reopens. */
class DurableIncludedOperationsIT {
  @TempDir Path dir;
  private KvStore store;

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private DurableIncludedOperations reopen(int capacity) {
    closeStore();
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);
    return DurableIncludedOperations.open(store, capacity);
  }

  @Test
  void shouldFindIncludedOperationsAfterReopen() {
    IncludedOperation first = included(TestOps.from(1).paymaster(TestOps.address(9)).build(), 10);
    IncludedOperation second = included(TestOps.from(2).build(), 11);
    reopen(100).putAll(List.of(first, second));

    DurableIncludedOperations index = reopen(100);

    assertThat(index.size()).isEqualTo(2);
    assertThat(index.get(first.userOpHash())).contains(first);
    assertThat(index.get(second.userOpHash())).contains(second);
    assertThat(index.get(Bytes32.ZERO)).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheLatestInclusionOfAnOperation() {
    IncludedOperation abandoned = included(TestOps.from(1).build(), 10, blockHash(10));
    IncludedOperation again = included(TestOps.from(1).build(), 12, blockHash(12));
    DurableIncludedOperations index = reopen(100);
    index.put(abandoned);
    index.put(again);

    assertThat(index.removeBlock(blockHash(10))).isEmpty();
    assertThat(reopen(100).get(again.userOpHash())).contains(again);
  }

  @Test
  void shouldRemoveTheOperationsOfABlockThatLeftTheChainForGood() {
    IncludedOperation reorged = included(TestOps.from(1).build(), 10);
    IncludedOperation alsoReorged = included(TestOps.from(2).build(), 10);
    IncludedOperation kept = included(TestOps.from(3).build(), 9);
    DurableIncludedOperations index = reopen(100);
    index.putAll(List.of(kept, reorged, alsoReorged));

    assertThat(index.removeBlock(blockHash(10))).containsExactlyInAnyOrder(reorged, alsoReorged);
    assertThat(index.removeBlock(blockHash(10))).isEmpty();

    DurableIncludedOperations reopened = reopen(100);
    assertThat(reopened.get(reorged.userOpHash())).isEmpty();
    assertThat(reopened.get(kept.userOpHash())).contains(kept);
    assertThat(reopened.size()).isEqualTo(1);
  }

  @Test
  void shouldForgetTheOldestBlocksBeyondTheCapacity() {
    DurableIncludedOperations index = reopen(3);
    List<IncludedOperation> operations = List.of(
        included(TestOps.from(1).build(), 12), included(TestOps.from(2).build(), 10),
        included(TestOps.from(3).build(), 11), included(TestOps.from(4).build(), 13));

    index.putAll(operations);

    assertThat(index.size()).isEqualTo(3);
    assertThat(index.get(operations.get(1).userOpHash())).isEmpty();
    assertThat(reopen(3).get(operations.get(1).userOpHash())).isEmpty();
  }

  @Test
  void shouldPruneToASmallerCapacityOnOpen() {
    reopen(10).putAll(List.of(
        included(TestOps.from(1).build(), 1), included(TestOps.from(2).build(), 2),
        included(TestOps.from(3).build(), 3)));

    DurableIncludedOperations index = reopen(1);

    assertThat(index.size()).isEqualTo(1);
    assertThat(index.get(included(TestOps.from(3).build(), 3).userOpHash())).isPresent();
    assertThat(reopen(10).size()).isEqualTo(1);
  }

  @Test
  void shouldRefuseARecordStoredUnderAnotherHash() {
    IncludedOperation operation = included(TestOps.from(1).build(), 1);
    reopen(10);
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(
          MempoolSchema.INCLUDED_OPERATIONS, Bytes32.fromUint(BigInteger.TWO), operation);
      tx.commit();
    }

    assertThatThrownBy(() -> reopen(10))
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("under the key");
  }
}
