package io.seed.bundler.mempool;

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
 * <ul>
 *   <li>0 (variable): the schema version
 *   <li>1: pending operations by userOpHash
 *   <li>2: the (EntryPoint, sender, nonce) index, which says which operation holds a nonce slot
 *   <li>3: reserved for entity reputation
 *   <li>4: reserved for the index of included operations behind receipts
 * </ul>
 */
public final class MempoolSchema {
  /** The layout this code reads and writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Id reserved for the reputation column (ERC-7562 opsSeen/opsIncluded per entity). */
  public static final int REPUTATION_COLUMN_ID = 3;

  /** Id reserved for the included-operations column (receipts and lookups by hash). */
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

  private static final KvSerializer<Bytes32> BYTES32 =
      KvSerializer.of(Bytes32::toArray, Bytes32::of);

  static final KvVariable<Integer> VERSION = new KvVariable<>(0, "schema version", INT32);

  static final KvColumn<Bytes32, PooledOperation> OPERATIONS =
      new KvColumn<>(1, "pending userOps", BYTES32, new PooledOperationSerializer());

  static final KvColumn<NonceSlot, Bytes32> NONCE_SLOTS =
      new KvColumn<>(2, "the sender/nonce index", NonceSlot.SERIALIZER, BYTES32);

  /** The schema to open the mempool's store with. */
  public static final KvSchema SCHEMA =
      new KvSchema(SCHEMA_VERSION, VERSION, List.of(OPERATIONS, NONCE_SLOTS));

  private MempoolSchema() {}
}
