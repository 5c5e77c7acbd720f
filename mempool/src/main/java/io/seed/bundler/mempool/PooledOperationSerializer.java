package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.BinaryCodec.readAddress;
import static io.seed.bundler.mempool.BinaryCodec.readBytes;
import static io.seed.bundler.mempool.BinaryCodec.readBytes32;
import static io.seed.bundler.mempool.BinaryCodec.readUint;
import static io.seed.bundler.mempool.BinaryCodec.release;
import static io.seed.bundler.mempool.BinaryCodec.releaseCode;
import static io.seed.bundler.mempool.BinaryCodec.writeBytes;
import static io.seed.bundler.mempool.BinaryCodec.writeUint;
import static io.seed.bundler.mempool.BinaryCodec.writeUints;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.Eip7702Authorization;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.mempool.kv.KvSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compact binary form of a pooled operation. The first byte is the format; a reader refuses
 * formats it does not know rather than guess. Format 4, in order: sequence (8), then the entry:
 * userOpHash (32), EntryPoint address (20) and release (1), validAfter (8), validUntil (8),
 * receivedAt seconds (8) and nanos (4), the stake and unstake delay of sender, factory and
 * paymaster, then the operation: sender (20), nonce, a presence byte (1 factory, 2 paymaster, 4
 * EIP-7702 authorization), factory (20, if present), factoryData, callData, callGasLimit,
 * verificationGasLimit, preVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymaster (20, if
 * present), paymasterVerificationGasLimit, paymasterPostOpGasLimit, paymasterData, signature, and
 * the authorization (chainId, address, nonce, yParity, r, s) if present. Then the code hashes
 * validation recorded (ERC-7562 COD-010): their count (4), then address (20) and hash (32) of
 * each; then the contracts whose storage validation used (for ERC-7562 STO-041 per bundle): their
 * count (4), then the address (20) of each. Format 3, written before the storage was kept, reads
 * back without any; format 2, written before code hashes were kept, also without code hashes
 * (nothing to re-check before bundling); format 1, written before stakes were kept, also lacks the
 * stakes and its entries read back as unstaked. Field encodings are {@link BinaryCodec}'s.
 */
final class PooledOperationSerializer implements KvSerializer<PooledOperation> {
  static final int FORMAT = 4;
  /** The format written before entries carried the storage validation used. */
  private static final int FORMAT_WITHOUT_STORAGE = 3;
  /** The format written before entries carried the code hashes validation recorded. */
  private static final int FORMAT_WITHOUT_CODE_HASHES = 2;
  /** The format written before entries carried their entities' stakes. */
  private static final int FORMAT_WITHOUT_STAKES = 1;
  private static final int HAS_FACTORY = 1;
  private static final int HAS_PAYMASTER = 2;
  private static final int HAS_AUTHORIZATION = 4;

  @Override
  public byte[] serialize(PooledOperation pooled) {
    PoolEntry entry = pooled.entry();
    ByteArrayOutputStream buffer =
        new ByteArrayOutputStream(512 + entry.operation().callData().length());
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      out.writeLong(pooled.sequence());
      writeEntry(out, entry);
      writeCodeHashes(out, entry.codeHashes());
      writeStorage(out, entry.storage());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  @Override
  public PooledOperation deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readUnsignedByte();
      if (format < FORMAT_WITHOUT_STAKES || format > FORMAT) {
        throw new IllegalArgumentException(
            "stored userOp has format " + format + ", this bundler reads formats "
                + FORMAT_WITHOUT_STAKES + " to " + FORMAT);
      }
      long sequence = in.readLong();
      EntryFields fields = readFields(in, format >= FORMAT_WITHOUT_CODE_HASHES);
      CodeHashes codeHashes =
          format >= FORMAT_WITHOUT_STORAGE ? readCodeHashes(in) : CodeHashes.NONE;
      AccessedStorage storage = format >= FORMAT ? readStorage(in) : AccessedStorage.NONE;
      PoolEntry entry = fields.toEntry(codeHashes, storage);
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " stray bytes after the userOp");
      }
      return new PooledOperation(sequence, entry);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored userOp is truncated", e);
    }
  }

  /**
   * Writes {@code entry} up to its operation, in the current layout (with stakes, without the
   * code hashes and storage that follow it in a pooled record).
   */
  static void writeEntry(DataOutputStream out, PoolEntry entry) throws IOException {
    PackedUserOperation op = entry.operation();
    out.write(entry.userOpHash().toArray());
    out.write(entry.entryPoint().address().toArray());
    out.writeByte(releaseCode(entry.entryPoint().version()));
    out.writeLong(entry.validAfter());
    out.writeLong(entry.validUntil());
    out.writeLong(entry.receivedAt().getEpochSecond());
    out.writeInt(entry.receivedAt().getNano());
    EntityStakes stakes = entry.stakes();
    for (StakeInfo stake : List.of(stakes.sender(), stakes.factory(), stakes.paymaster())) {
      writeUints(out, stake.stake(), stake.unstakeDelaySec());
    }
    out.write(op.sender().toArray());
    writeUint(out, op.nonce());
    out.writeByte(
        (op.factory() == null ? 0 : HAS_FACTORY)
            | (op.paymaster() == null ? 0 : HAS_PAYMASTER)
            | (op.eip7702Auth() == null ? 0 : HAS_AUTHORIZATION));
    writeIfPresent(out, op.factory());
    writeBytes(out, op.factoryData());
    writeBytes(out, op.callData());
    writeUints(
        out,
        op.callGasLimit(),
        op.verificationGasLimit(),
        op.preVerificationGas(),
        op.maxFeePerGas(),
        op.maxPriorityFeePerGas());
    writeIfPresent(out, op.paymaster());
    writeUints(out, op.paymasterVerificationGasLimit(), op.paymasterPostOpGasLimit());
    writeBytes(out, op.paymasterData());
    writeBytes(out, op.signature());
    if (op.eip7702Auth() != null) {
      writeAuthorization(out, op.eip7702Auth());
    }
  }

  /**
   * Reads an entry written by {@link #writeEntry}, or without stakes (format 1); it carries no code
   * hashes and no storage.
   */
  static PoolEntry readEntry(DataInputStream in, boolean withStakes) throws IOException {
    return readFields(in, withStakes).toEntry(CodeHashes.NONE, AccessedStorage.NONE);
  }

  /** What {@link #writeEntry} writes, read before what follows it decides the entry. */
  private record EntryFields(
      Bytes32 hash,
      EntryPoint entryPoint,
      long validAfter,
      long validUntil,
      Instant receivedAt,
      EntityStakes stakes,
      PackedUserOperation op) {
    PoolEntry toEntry(CodeHashes codeHashes, AccessedStorage storage) {
      return new PoolEntry(
          hash, entryPoint, op, validAfter, validUntil, receivedAt, stakes, codeHashes, storage);
    }
  }

  private static EntryFields readFields(DataInputStream in, boolean withStakes)
      throws IOException {
    Bytes32 hash = readBytes32(in);
    EntryPoint entryPoint = new EntryPoint(readAddress(in), release(in.readUnsignedByte()));
    long validAfter = in.readLong();
    long validUntil = in.readLong();
    Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
    EntityStakes stakes =
        withStakes
            ? new EntityStakes(readStake(in), readStake(in), readStake(in))
            : EntityStakes.NONE;
    PackedUserOperation op = readOperation(in);
    return new EntryFields(hash, entryPoint, validAfter, validUntil, receivedAt, stakes, op);
  }

  private static void writeCodeHashes(DataOutputStream out, CodeHashes codeHashes)
      throws IOException {
    out.writeInt(codeHashes.hashes().size());
    for (Map.Entry<Address, Bytes32> code : codeHashes.hashes().entrySet()) {
      out.write(code.getKey().toArray());
      out.write(code.getValue().toArray());
    }
  }

  private static CodeHashes readCodeHashes(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available() / (Address.LENGTH + Bytes32.LENGTH)) {
      throw new IllegalArgumentException("stored userOp claims " + count + " code hashes");
    }
    Map<Address, Bytes32> hashes = new HashMap<>();
    for (int i = 0; i < count; i++) {
      hashes.put(readAddress(in), readBytes32(in));
    }
    return new CodeHashes(hashes);
  }

  private static void writeStorage(DataOutputStream out, AccessedStorage storage)
      throws IOException {
    out.writeInt(storage.contracts().size());
    for (Address contract : storage.contracts()) {
      out.write(contract.toArray());
    }
  }

  private static AccessedStorage readStorage(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available() / Address.LENGTH) {
      throw new IllegalArgumentException(
          "stored userOp claims " + count + " contracts whose storage it used");
    }
    Set<Address> contracts = new HashSet<>();
    for (int i = 0; i < count; i++) {
      contracts.add(readAddress(in));
    }
    return new AccessedStorage(contracts);
  }

  private static StakeInfo readStake(DataInputStream in) throws IOException {
    return new StakeInfo(readUint(in), readUint(in));
  }

  private static PackedUserOperation readOperation(DataInputStream in) throws IOException {
    Address sender = readAddress(in);
    BigInteger nonce = readUint(in);
    int presence = in.readUnsignedByte();
    if ((presence & ~(HAS_FACTORY | HAS_PAYMASTER | HAS_AUTHORIZATION)) != 0) {
      throw new IllegalArgumentException("unknown presence flags " + presence);
    }
    Address factory = (presence & HAS_FACTORY) != 0 ? readAddress(in) : null;
    Bytes factoryData = readBytes(in);
    Bytes callData = readBytes(in);
    BigInteger callGasLimit = readUint(in);
    BigInteger verificationGasLimit = readUint(in);
    BigInteger preVerificationGas = readUint(in);
    BigInteger maxFeePerGas = readUint(in);
    BigInteger maxPriorityFeePerGas = readUint(in);
    Address paymaster = (presence & HAS_PAYMASTER) != 0 ? readAddress(in) : null;
    BigInteger paymasterVerificationGasLimit = readUint(in);
    BigInteger paymasterPostOpGasLimit = readUint(in);
    Bytes paymasterData = readBytes(in);
    Bytes signature = readBytes(in);
    Eip7702Authorization authorization =
        (presence & HAS_AUTHORIZATION) != 0 ? readAuthorization(in) : null;
    return new PackedUserOperation(
        sender, nonce, factory, factoryData, callData, callGasLimit, verificationGasLimit,
        preVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymaster,
        paymasterVerificationGasLimit, paymasterPostOpGasLimit, paymasterData, signature,
        authorization);
  }

  private static void writeAuthorization(DataOutputStream out, Eip7702Authorization auth)
      throws IOException {
    writeUint(out, auth.chainId());
    out.write(auth.address().toArray());
    writeUint(out, auth.nonce());
    out.writeByte(auth.yParity());
    writeUints(out, auth.r(), auth.s());
  }

  private static Eip7702Authorization readAuthorization(DataInputStream in) throws IOException {
    BigInteger chainId = readUint(in);
    Address address = readAddress(in);
    BigInteger nonce = readUint(in);
    int yParity = in.readUnsignedByte();
    return new Eip7702Authorization(chainId, address, nonce, yParity, readUint(in), readUint(in));
  }

  /** Optional addresses are written only when present; the presence byte says which are. */
  private static void writeIfPresent(DataOutputStream out, Address address) throws IOException {
    if (address != null) {
      out.write(address.toArray());
    }
  }
}
