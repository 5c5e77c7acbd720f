package io.seed.bundler.mempool.kv;

import java.util.Objects;
import java.util.function.Function;

/**
 * Turns values of one type into bytes and back. Key serializers must be injective; when keys are
 * scanned, their byte order is the order of the scan.
 *
 * @param <T> the type it serializes
 */
public interface KvSerializer<T> {

  /** The bytes stored for {@code value}. */
  byte[] serialize(T value);

  /**
   * The value stored as {@code bytes}.
   *
   * @throws RuntimeException when the bytes are not a value of this type (a corrupt record); the
   *     store reports it as a {@link KvStoreException} naming the column
   */
  T deserialize(byte[] bytes);

  /** A serializer from a pair of functions. */
  static <T> KvSerializer<T> of(Function<T, byte[]> serialize, Function<byte[], T> deserialize) {
    Objects.requireNonNull(serialize, "serialize");
    Objects.requireNonNull(deserialize, "deserialize");
    return new KvSerializer<>() {
      @Override
      public byte[] serialize(T value) {
        return serialize.apply(value);
      }

      @Override
      public T deserialize(byte[] bytes) {
        return deserialize.apply(bytes);
      }
    };
  }
}
