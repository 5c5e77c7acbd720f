package io.seed.bundler.mempool;

import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.mempool.kv.KvColumn;
import io.seed.bundler.mempool.kv.KvSchema;
import io.seed.bundler.mempool.kv.KvSerializer;
import io.seed.bundler.mempool.kv.KvVariable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The layout of the mempool's RocksDB store. Column and variable ids are permanent: a column that
 * goes out of use keeps its id retired, and a change of layout that older code cannot read raises
 * {@link #SCHEMA_VERSION}.
 *
 * <p>Columns:
 *
 * <ul>
 *   <li>1: pending operations by userOpHash
 *   <li>2: the (EntryPoint, sender, nonce) index, which says which operation holds a nonce slot
 *   <li>3: entity reputation by (EntryPoint, entity)
 *   <li>4: included operations by userOpHash, behind receipts and look-ups by hash
 * </ul>
 *
 * <p>Variables:
 *
 * <ul>
 *   <li>0: the schema version
 *   <li>1: the hour through which stored reputation is decayed
 * </ul>
 *
 * <p>Columns 3 and 4 and variable 1 came after version 1 was first written; a version 1 database
 * without them gets them, empty, when it is opened.
 */
public final class MempoolSchema {
  /** The layout this code reads and writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Id of the reputation column (ERC-7562 opsSeen/opsIncluded per entity). */
  public static final int REPUTATION_COLUMN_ID = 3;

  /** Id of the included-operations column (receipts and lookups by hash). */
  public static final int INCLUDED_OPERATIONS_COLUMN_ID = 4;

  private static final KvSerializer<Integer> INT32 =
      KvSerializer.of(
          value -> ByteBuffer.allocate(Integer.BYTES).putInt(value).array(),
          bytes -> {
            if (bytes.length != Integer.BYTES) {
              throw new IllegalArgumentException("expected 4 bytes, got " + bytes.length);
            }
            return ByteBuffer.wrap(bytes).getInt();
          });

  private static final KvSerializer<Long> INT64 =
      KvSerializer.of(
          value -> ByteBuffer.allocate(Long.BYTES).putLong(value).array(),
          bytes -> {
            if (bytes.length != Long.BYTES) {
              throw new IllegalArgumentException("expected 8 bytes, got " + bytes.length);
            }
            return ByteBuffer.wrap(bytes).getLong();
          });

  private static final KvSerializer<Bytes32> BYTES32 =
      KvSerializer.of(Bytes32::toArray, Bytes32::of);

  static final KvVariable<Integer> VERSION = new KvVariable<>(0, "schema version", INT32);

  static final KvColumn<Bytes32, PooledOperation> OPERATIONS =
      new KvColumn<>(1, "pending userOps", BYTES32, new PooledOperationSerializer());

  static final KvVariable<Long> REPUTATION_DECAYED_THROUGH =
      new KvVariable<>(1, "the reputation decay hour", INT64);

  static final KvColumn<NonceSlot, Bytes32> NONCE_SLOTS =
      new KvColumn<>(2, "the sender/nonce index", NonceSlot.SERIALIZER, BYTES32);

  static final KvColumn<KvReputationStore.Key, KvReputationStore.Counts> REPUTATION =
      new KvColumn<>(
          REPUTATION_COLUMN_ID, "entity reputation", KvReputationStore.Key.SERIALIZER,
          KvReputationStore.Counts.SERIALIZER);

  static final KvColumn<Bytes32, IncludedOperation> INCLUDED_OPERATIONS =
      new KvColumn<>(
          INCLUDED_OPERATIONS_COLUMN_ID, "included userOps", BYTES32,
          new IncludedOperationSerializer());

  /** The schema to open the mempool's store with. */
  public static final KvSchema SCHEMA =
      new KvSchema(
          SCHEMA_VERSION, VERSION,
          List.of(OPERATIONS, NONCE_SLOTS, REPUTATION, INCLUDED_OPERATIONS));

  private MempoolSchema() {}
}
