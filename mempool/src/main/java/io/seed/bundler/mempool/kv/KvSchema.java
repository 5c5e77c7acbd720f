package io.seed.bundler.mempool.kv;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a store holds: its columns, and the schema version written when the store is created and
 * checked on every open.
 *
 * @param version the layout this code reads and writes
 * @param versionVariable where the version is stored
 * @param columns every column in use
 */
public record KvSchema(
    int version, KvVariable<Integer> versionVariable, List<KvColumn<?, ?>> columns) {
  public KvSchema {
    Objects.requireNonNull(versionVariable, "versionVariable");
    columns = List.copyOf(columns);
    Set<Integer> ids = new HashSet<>();
    for (KvColumn<?, ?> column : columns) {
      if (!ids.add(column.id())) {
        throw new IllegalArgumentException("column id " + column.id() + " declared twice");
      }
    }
  }
}
