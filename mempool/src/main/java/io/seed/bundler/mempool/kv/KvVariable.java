package io.seed.bundler.mempool.kv;

import java.util.Objects;

/**
 * A single typed value stored under a permanent id in the default column family (the schema
 * version, counters).
 *
 * @param id permanent id, 0 to 255
 * @param name what the variable holds, for messages only
 * @param serializer how the value is stored
 * @param <T> value type
 */
public record KvVariable<T>(int id, String name, KvSerializer<T> serializer) {
  public KvVariable {
    if (id < 0 || id > 255) {
      throw new IllegalArgumentException("variable id must be 0 to 255, got " + id);
    }
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(serializer, "serializer");
  }

  /** The key in the default column family. */
  byte[] key() {
    return new byte[] {(byte) id};
  }
}
