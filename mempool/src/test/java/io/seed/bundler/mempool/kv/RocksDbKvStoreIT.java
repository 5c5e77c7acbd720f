package io.seed.bundler.mempool.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKvStoreIT {
  private static final KvSerializer<String> UTF8 =
      KvSerializer.of(
          s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));
  private static final KvSerializer<Integer> INT =
      KvSerializer.of(i -> new byte[] {(byte) (int) i}, b -> {
        if (b.length != 1) {
          throw new IllegalArgumentException("not one byte");
        }
        return (int) b[0];
      });
  private static final KvVariable<Integer> VERSION = new KvVariable<>(0, "version", INT);
  private static final KvColumn<String, String> NAMES = new KvColumn<>(1, "names", UTF8, UTF8);
  private static final KvColumn<String, Integer> NUMBERS = new KvColumn<>(7, "numbers", UTF8, INT);
  private static final KvSchema SCHEMA = new KvSchema(3, VERSION, List.of(NAMES, NUMBERS));

  @TempDir Path dir;

  private Map<String, String> names(KvStore store) {
    Map<String, String> out = new LinkedHashMap<>();
    store.forEach(NAMES, out::put);
    return out;
  }

  @Test
  void shouldKeepCommittedWritesAcrossReopen() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE);
        KvTransaction tx = store.startTransaction()) {
      tx.put(NAMES, "b", "bee");
      tx.put(NAMES, "a", "ay");
      tx.put(NUMBERS, "a", 1);
      tx.commit();
    }

    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.UNSYNCED)) {
      assertThat(names(store)).containsExactly(Map.entry("a", "ay"), Map.entry("b", "bee"));
      assertThat(store.get(VERSION)).contains(3);
      Map<String, Integer> numbers = new LinkedHashMap<>();
      store.forEach(NUMBERS, numbers::put);
      assertThat(numbers).containsExactly(Map.entry("a", 1));
    }
  }

  @Test
  void shouldReadOneRecordByKey() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE)) {
      try (KvTransaction tx = store.startTransaction()) {
        tx.put(NAMES, "a", "ay");
        tx.put(NUMBERS, "a", 1);
        tx.commit();
      }

      assertThat(store.get(NAMES, "a")).contains("ay");
      assertThat(store.get(NUMBERS, "a")).contains(1);
      assertThat(store.get(NAMES, "b")).isEmpty();
    }
  }

  @Test
  void shouldKeepUnsyncedWritesOfADurableStoreAcrossReopen() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE);
        KvTransaction tx = store.startUnsyncedTransaction()) {
      tx.put(NAMES, "a", "ay");
      tx.commit();
      assertThat(store.get(NAMES, "a")).contains("ay");
    }

    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE)) {
      assertThat(store.get(NAMES, "a")).contains("ay");
    }
  }

  @Test
  void shouldDiscardUncommittedTransaction() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE)) {
      try (KvTransaction tx = store.startTransaction()) {
        tx.put(NAMES, "a", "ay");
      }
      try (KvTransaction tx = store.startTransaction()) {
        tx.put(NAMES, "b", "bee");
        tx.delete(NAMES, "b");
        tx.commit();
      }
      assertThat(names(store)).isEmpty();
    }
  }

  @Test
  void shouldRefuseUnknownSchemaVersionWithoutChangingIt() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE);
        KvTransaction tx = store.startTransaction()) {
      tx.put(NAMES, "a", "ay");
      tx.put(VERSION, 9);
      tx.commit();
    }

    assertThatThrownBy(() -> RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE))
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("schema version 9")
        .hasMessageContaining("reads only version 3")
        .hasMessageContaining("nothing was changed");

    KvSchema future = new KvSchema(9, VERSION, List.of(NAMES, NUMBERS));
    try (KvStore store = RocksDbKvStore.open(dir, future, SyncMode.DURABLE)) {
      assertThat(names(store)).containsEntry("a", "ay");
    }
  }

  @Test
  void shouldRefuseDatabaseWithoutSchemaVersion() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE);
        KvTransaction tx = store.startTransaction()) {
      tx.put(NAMES, "a", "ay");
      tx.commit();
    }
    KvSchema unversioned =
        new KvSchema(3, new KvVariable<>(5, "other version", INT), List.of(NAMES));

    assertThatThrownBy(() -> RocksDbKvStore.open(dir, unversioned, SyncMode.DURABLE))
        .hasMessageContaining("has no schema version");
  }

  @Test
  void shouldRefuseDatabaseInUseByAnotherStore() {
    try (KvStore first = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE)) {
      assertThatThrownBy(() -> RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE))
          .isInstanceOf(KvStoreException.class)
          .hasMessageContaining("cannot open the database at " + dir)
          .hasMessageContaining("another bundler");
      assertThat(names(first)).isEmpty();
    }
  }

  @Test
  void shouldRefuseDirectoryThatHoldsSomethingElse() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "not a database");

    assertThatThrownBy(() -> RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE))
        .hasMessageContaining("is not empty and holds no database");
    assertThat(Files.list(dir)).containsExactly(dir.resolve("notes.txt"));
  }

  @Test
  void shouldReportCorruptRecordWithItsColumn() {
    try (KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE)) {
      try (KvTransaction tx = store.startTransaction()) {
        tx.put(NAMES, "x", "two bytes");
        tx.commit();
      }
      KvColumn<String, Integer> misread = new KvColumn<>(1, "names read as numbers", UTF8, INT);

      assertThatThrownBy(() -> store.forEach(misread, (k, v) -> {}))
          .isInstanceOf(KvStoreException.class)
          .hasMessageContaining("corrupt record in names read as numbers");
    }
  }

  @Test
  void shouldFailCleanlyOnceClosed() {
    KvStore store = RocksDbKvStore.open(dir, SCHEMA, SyncMode.DURABLE);
    KvTransaction tx = store.startTransaction();
    tx.put(NAMES, "a", "ay");
    store.close();

    assertThatThrownBy(tx::commit)
        .isInstanceOf(KvStoreException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> store.get(VERSION)).hasMessageContaining("is closed");
    tx.close();
    store.close();
  }
}
