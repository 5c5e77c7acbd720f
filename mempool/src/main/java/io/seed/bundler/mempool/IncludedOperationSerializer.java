package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.BinaryCodec.readAddress;
import static io.seed.bundler.mempool.BinaryCodec.readBytes32;
import static io.seed.bundler.mempool.BinaryCodec.readUint;
import static io.seed.bundler.mempool.BinaryCodec.release;
import static io.seed.bundler.mempool.BinaryCodec.releaseCode;
import static io.seed.bundler.mempool.BinaryCodec.writeUint;
import static io.seed.bundler.mempool.BinaryCodec.writeUints;

import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.mempool.kv.KvSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * A compact binary form of an included operation. Format 1, in order: the format byte, userOpHash
 * (32), EntryPoint address (20) and release (1), block number (8), block hash (32), transaction
 * hash (32), the event's sender (20), paymaster (20), nonce, success (1), actualGasCost and
 * actualGasUsed, then a byte saying whether the pool's entry follows (1) or not (0), and the
 * entry as {@link PooledOperationSerializer} writes entries. Field encodings are {@link
 * BinaryCodec}'s.
 */
final class IncludedOperationSerializer implements KvSerializer<IncludedOperation> {
  static final int FORMAT = 1;

  @Override
  public byte[] serialize(IncludedOperation operation) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      out.write(operation.userOpHash().toArray());
      out.write(operation.entryPoint().address().toArray());
      out.writeByte(releaseCode(operation.entryPoint().version()));
      out.writeLong(operation.blockNumber());
      out.write(operation.blockHash().toArray());
      out.write(operation.transactionHash().toArray());
      UserOperationEvent event = operation.event();
      out.write(event.sender().toArray());
      out.write(event.paymaster().toArray());
      writeUint(out, event.nonce());
      out.writeBoolean(event.success());
      writeUints(out, event.actualGasCost(), event.actualGasUsed());
      out.writeBoolean(operation.poolEntry() != null);
      if (operation.poolEntry() != null) {
        PooledOperationSerializer.writeEntry(out, operation.poolEntry());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  @Override
  public IncludedOperation deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException(
            "stored included userOp has format " + format + ", this bundler reads format "
                + FORMAT);
      }
      Bytes32 hash = readBytes32(in);
      EntryPoint entryPoint = new EntryPoint(readAddress(in), release(in.readUnsignedByte()));
      long blockNumber = in.readLong();
      Bytes32 blockHash = readBytes32(in);
      Bytes32 transactionHash = readBytes32(in);
      Address sender = readAddress(in);
      Address paymaster = readAddress(in);
      BigInteger nonce = readUint(in);
      boolean success = readBoolean(in);
      UserOperationEvent event =
          new UserOperationEvent(
              hash, sender, paymaster, nonce, success, readUint(in), readUint(in));
      PoolEntry entry = readBoolean(in) ? PooledOperationSerializer.readEntry(in, true) : null;
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            in.available() + " stray bytes after the included userOp");
      }
      return new IncludedOperation(
          hash, entryPoint, entry, blockNumber, blockHash, transactionHash, event);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored included userOp is truncated", e);
    }
  }

  private static boolean readBoolean(DataInputStream in) throws IOException {
    int value = in.readUnsignedByte();
    if (value > 1) {
      throw new IllegalArgumentException("flag byte " + value);
    }
    return value == 1;
  }
}
