package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds pool entries for tests. The hash is a digest of the fields the pool cares about, so equal
 * operations have equal hashes and a changed fee or call gives a new one.
 */
final class TestOps {
  static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  static final EntryPoint V08 = EntryPoint.canonical(EntryPointVersion.V0_8);

  private EntryPoint entryPoint = V07;
  private Address sender;
  private BigInteger nonce = BigInteger.ZERO;
  private BigInteger maxFeePerGas = BigInteger.valueOf(50);
  private BigInteger maxPriorityFeePerGas = BigInteger.valueOf(10);
  private Address factory;
  private Address paymaster;
  private Bytes callData = Bytes.fromHex("0xb61d27f6");
  private Bytes signature = Bytes.wrap(new byte[65]);
  private long validAfter;
  private long validUntil;
  private Instant receivedAt = Instant.parse("2025-01-01T00:00:00Z");
  private EntityStakes stakes = EntityStakes.NONE;
  private CodeHashes codeHashes = CodeHashes.NONE;
  private AccessedStorage storage = AccessedStorage.NONE;

  private TestOps(Address sender) {
    this.sender = sender;
  }

  static TestOps from(Address sender) {
    return new TestOps(sender);
  }

  static TestOps from(int sender) {
    return new TestOps(address(sender));
  }

  /** One operation per tip, from senders 1, 2, ... */
  static List<PoolEntry> withTips(long... tips) {
    List<PoolEntry> entries = new ArrayList<>();
    for (int i = 0; i < tips.length; i++) {
      entries.add(from(i + 1).tip(tips[i]).build());
    }
    return entries;
  }

  /** A distinct address for every number. */
  static Address address(int n) {
    byte[] bytes = new byte[20];
    bytes[0] = 0x5e;
    ByteBuffer.wrap(bytes, 16, 4).putInt(n);
    return Address.of(bytes);
  }

  TestOps entryPoint(EntryPoint value) {
    entryPoint = value;
    return this;
  }

  TestOps nonce(long value) {
    nonce = BigInteger.valueOf(value);
    return this;
  }

  /** A nonce in a parallel key: {@code key << 64 | sequence}. */
  TestOps nonce(long key, long sequence) {
    nonce = BigInteger.valueOf(key).shiftLeft(64).or(BigInteger.valueOf(sequence));
    return this;
  }

  TestOps fees(long maxFee, long maxPriorityFee) {
    maxFeePerGas = BigInteger.valueOf(maxFee);
    maxPriorityFeePerGas = BigInteger.valueOf(maxPriorityFee);
    return this;
  }

  /** Both fees equal to {@code tip}, so the effective tip at base fee 0 is {@code tip}. */
  TestOps tip(long tip) {
    return fees(tip, tip);
  }

  TestOps factory(Address value) {
    factory = value;
    return this;
  }

  TestOps paymaster(Address value) {
    paymaster = value;
    return this;
  }

  TestOps callData(int length) {
    callData = Bytes.wrap(new byte[length]);
    return this;
  }

  TestOps callData(Bytes value) {
    callData = value;
    return this;
  }

  TestOps validity(long after, long until) {
    validAfter = after;
    validUntil = until;
    return this;
  }

  TestOps receivedAt(Instant value) {
    receivedAt = value;
    return this;
  }

  /** The entities' stakes as validation would report them. */
  TestOps stakes(EntityStakes value) {
    stakes = value;
    return this;
  }

  /** The code hashes a traced validation would have recorded. */
  TestOps codeHashes(CodeHashes value) {
    codeHashes = value;
    return this;
  }

  /** The storage a traced validation would have recorded. */
  TestOps storage(AccessedStorage value) {
    storage = value;
    return this;
  }

  PackedUserOperation operation() {
    return new PackedUserOperation(
        sender, nonce, factory, factory == null ? Bytes.EMPTY : Bytes.fromHex("0x1234"), callData,
        BigInteger.valueOf(100_000), BigInteger.valueOf(200_000), BigInteger.valueOf(50_000),
        maxFeePerGas, maxPriorityFeePerGas, paymaster,
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(30_000),
        paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(10_000),
        paymaster == null ? Bytes.EMPTY : Bytes.fromHex("0xabcdef"), signature, null);
  }

  PoolEntry build() {
    PackedUserOperation op = operation();
    return new PoolEntry(
        hash(op), entryPoint, op, validAfter, validUntil, receivedAt, stakes, codeHashes, storage);
  }

  private Bytes32 hash(PackedUserOperation op) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(entryPoint.address().toArray());
      digest.update(op.sender().toArray());
      digest.update(op.nonce().toByteArray());
      digest.update(op.gasFees());
      digest.update(op.initCode().toArray());
      digest.update(op.callData().toArray());
      digest.update(op.paymasterAndData().toArray());
      return Bytes32.of(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
