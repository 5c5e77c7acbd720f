package io.seed.bundler.mempool.kv;

import java.util.Objects;

/**
 * A typed column: a RocksDB column family named after a permanent id. Ids are never renumbered; a
 * column that is no longer used keeps its id retired.
 *
 * @param id permanent id, 1 to 255 (the default column family holds the variables)
 * @param name what the column holds, for messages only
 * @param keySerializer how keys are stored
 * @param valueSerializer how values are stored
 * @param <K> key type
 * @param <V> value type
 */
public record KvColumn<K, V>(
    int id, String name, KvSerializer<K> keySerializer, KvSerializer<V> valueSerializer) {
  public KvColumn {
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("column id must be 1 to 255, got " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerializer, "keySerializer");
    Objects.requireNonNull(valueSerializer, "valueSerializer");
  }

  /** The RocksDB column family name: the decimal id, so that renaming a column is free. */
  String familyName() {
    return Integer.toString(id);
  }
}
