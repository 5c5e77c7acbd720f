package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.Eip7702Authorization;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
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

/**
 * A compact binary form of a pooled operation. The first byte is the format; a reader refuses
 * formats it does not know rather than guess. Format 1, in order: sequence (8), userOpHash (32),
 * EntryPoint address (20) and release (1), validAfter (8), validUntil (8), receivedAt seconds (8)
 * and nanos (4), then the operation: sender (20), nonce, a presence byte (1 factory, 2 paymaster,
 * 4 EIP-7702 authorization), factory (20, if present), factoryData, callData, callGasLimit,
 * verificationGasLimit, preVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymaster (20, if
 * present), paymasterVerificationGasLimit, paymasterPostOpGasLimit, paymasterData, signature, and
 * the authorization (chainId, address, nonce, yParity, r, s) if present. Integers are a length
 * byte and that many big-endian magnitude bytes; byte strings a 4-byte length and the bytes.
 */
final class PooledOperationSerializer implements KvSerializer<PooledOperation> {
  static final int FORMAT = 1;
  private static final int HAS_FACTORY = 1;
  private static final int HAS_PAYMASTER = 2;
  private static final int HAS_AUTHORIZATION = 4;

  @Override
  public byte[] serialize(PooledOperation pooled) {
    PoolEntry entry = pooled.entry();
    PackedUserOperation op = entry.operation();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(512 + op.callData().length());
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(FORMAT);
      out.writeLong(pooled.sequence());
      out.write(entry.userOpHash().toArray());
      out.write(entry.entryPoint().address().toArray());
      out.writeByte(releaseCode(entry.entryPoint().version()));
      out.writeLong(entry.validAfter());
      out.writeLong(entry.validUntil());
      out.writeLong(entry.receivedAt().getEpochSecond());
      out.writeInt(entry.receivedAt().getNano());
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
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.toByteArray();
  }

  @Override
  public PooledOperation deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException(
            "stored userOp has format " + format + ", this bundler reads format " + FORMAT);
      }
      long sequence = in.readLong();
      Bytes32 hash = Bytes32.of(readFully(in, Bytes32.LENGTH));
      EntryPoint entryPoint = new EntryPoint(readAddress(in), release(in.readUnsignedByte()));
      long validAfter = in.readLong();
      long validUntil = in.readLong();
      Instant receivedAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      PackedUserOperation op = readOperation(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " stray bytes after the userOp");
      }
      return new PooledOperation(
          sequence, new PoolEntry(hash, entryPoint, op, validAfter, validUntil, receivedAt));
    } catch (IOException e) {
      throw new IllegalArgumentException("stored userOp is truncated", e);
    }
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

  /** Stable codes for the releases; never the enum ordinal, which moves when releases are added. */
  private static int releaseCode(EntryPointVersion version) {
    return switch (version) {
      case V0_6 -> 6;
      case V0_7 -> 7;
      case V0_8 -> 8;
    };
  }

  private static EntryPointVersion release(int code) {
    return switch (code) {
      case 6 -> EntryPointVersion.V0_6;
      case 7 -> EntryPointVersion.V0_7;
      case 8 -> EntryPointVersion.V0_8;
      default -> throw new IllegalArgumentException("unknown EntryPoint release code " + code);
    };
  }

  /** Optional addresses are written only when present; the presence byte says which are. */
  private static void writeIfPresent(DataOutputStream out, Address address) throws IOException {
    if (address != null) {
      out.write(address.toArray());
    }
  }

  private static void writeUints(DataOutputStream out, BigInteger... values) throws IOException {
    for (BigInteger value : values) {
      writeUint(out, value);
    }
  }

  private static void writeUint(DataOutputStream out, BigInteger value) throws IOException {
    if (value.signum() == 0) {
      out.writeByte(0);
      return;
    }
    byte[] raw = value.toByteArray();
    int skip = raw[0] == 0 ? 1 : 0;
    out.writeByte(raw.length - skip);
    out.write(raw, skip, raw.length - skip);
  }

  private static BigInteger readUint(DataInputStream in) throws IOException {
    int length = in.readUnsignedByte();
    if (length > Bytes32.LENGTH) {
      throw new IllegalArgumentException("integer of " + length + " bytes");
    }
    return new BigInteger(1, readFully(in, length));
  }

  private static void writeBytes(DataOutputStream out, Bytes value) throws IOException {
    out.writeInt(value.length());
    out.write(value.toArray());
  }

  private static Bytes readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("byte string of " + length + " bytes overruns the record");
    }
    return Bytes.wrap(readFully(in, length));
  }

  private static Address readAddress(DataInputStream in) throws IOException {
    return Address.of(readFully(in, Address.LENGTH));
  }

  private static byte[] readFully(DataInputStream in, int length) throws IOException {
    byte[] out = new byte[length];
    in.readFully(out);
    return out;
  }
}
