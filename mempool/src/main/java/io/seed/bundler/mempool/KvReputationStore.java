package io.seed.bundler.mempool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.mempool.kv.KvSerializer;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.KvTransaction;
import io.seed.bundler.mempool.reputation.ReputationRecord;
import io.seed.bundler.mempool.reputation.ReputationStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Keeps reputation in the mempool's store (opened with {@link MempoolSchema#SCHEMA}): one record
 * per EntryPoint and entity in the reputation column, and the decay hour in its variable. The
 * caller keeps ownership of the store.
 */
public final class KvReputationStore implements ReputationStore {
  private final KvStore store;

  /** Reputation kept in {@code store}. */
  public KvReputationStore(KvStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public List<ReputationRecord> load() {
    List<ReputationRecord> records = new ArrayList<>();
    store.forEach(MempoolSchema.REPUTATION, (key, counts) ->
        records.add(
            new ReputationRecord(
                key.entryPoint(), key.entity(), counts.opsSeen(), counts.opsIncluded())));
    return records;
  }

  @Override
  public OptionalLong decayedThroughHour() {
    return store.get(MempoolSchema.REPUTATION_DECAYED_THROUGH)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unsynced: reputation is written as the pool admits, and must not add a disk sync to each
   * admission; the pool's next synced write makes it durable.
   */
  @Override
  public void write(Collection<ReputationRecord> records, long decayedThroughHour) {
    try (KvTransaction tx = store.startUnsyncedTransaction()) {
      for (ReputationRecord record : records) {
        Key key = new Key(record.entryPoint(), record.entity());
        if (record.isEmpty()) {
          tx.delete(MempoolSchema.REPUTATION, key);
        } else {
          tx.put(MempoolSchema.REPUTATION, key, new Counts(record.opsSeen(), record.opsIncluded()));
        }
      }
      tx.put(MempoolSchema.REPUTATION_DECAYED_THROUGH, decayedThroughHour);
      tx.commit();
    }
  }

  /** The key of a reputation record: EntryPoint address then entity address (40 bytes). */
  record Key(Address entryPoint, Address entity) {
    static final KvSerializer<Key> SERIALIZER = KvSerializer.of(Key::toBytes, Key::fromBytes);

    private byte[] toBytes() {
      byte[] out = new byte[2 * Address.LENGTH];
      entryPoint.copyTo(out, 0);
      entity.copyTo(out, Address.LENGTH);
      return out;
    }

    private static Key fromBytes(byte[] bytes) {
      if (bytes.length != 2 * Address.LENGTH) {
        throw new IllegalArgumentException("reputation key of " + bytes.length + " bytes");
      }
      return new Key(
          Address.of(Arrays.copyOfRange(bytes, 0, Address.LENGTH)),
          Address.of(Arrays.copyOfRange(bytes, Address.LENGTH, 2 * Address.LENGTH)));
    }
  }

  /** A reputation record's value: format 1, opsSeen (8), opsIncluded (8). */
  record Counts(long opsSeen, long opsIncluded) {
    private static final int FORMAT = 1;
    private static final int LENGTH = 1 + 2 * Long.BYTES;

    static final KvSerializer<Counts> SERIALIZER =
        KvSerializer.of(Counts::toBytes, Counts::fromBytes);

    private byte[] toBytes() {
      return ByteBuffer.allocate(LENGTH)
          .put((byte) FORMAT)
          .putLong(opsSeen)
          .putLong(opsIncluded)
          .array();
    }

    private static Counts fromBytes(byte[] bytes) {
      if (bytes.length != LENGTH || bytes[0] != FORMAT) {
        throw new IllegalArgumentException(
            "reputation record of " + bytes.length + " bytes in format " + (bytes.length > 0 ? bytes[0] : -1)
                + ", this bundler reads format " + FORMAT + " of " + LENGTH + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 2 * Long.BYTES);
      long opsSeen = buffer.getLong();
      long opsIncluded = buffer.getLong();
      if (opsSeen < 0 || opsIncluded < 0) {
        throw new IllegalArgumentException("negative reputation counts");
      }
      return new Counts(opsSeen, opsIncluded);
    }
  }
}
