package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.mempool.kv.KvSerializer;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The slot an operation takes: one per EntryPoint, sender and full nonce, so that every nonce key
 * (the high 192 bits) is a separate sequence. Stored big-endian, so that one sender's slots under
 * one EntryPoint are adjacent and ordered by nonce key and sequence.
 */
record NonceSlot(Address entryPoint, Address sender, BigInteger nonce) {
  private static final int LENGTH = 2 * Address.LENGTH + Bytes32.LENGTH;

  static final KvSerializer<NonceSlot> SERIALIZER =
      KvSerializer.of(NonceSlot::toBytes, NonceSlot::fromBytes);

  static NonceSlot of(PoolEntry entry) {
    return new NonceSlot(entry.entryPoint().address(), entry.sender(), entry.operation().nonce());
  }

  private byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    entryPoint.copyTo(out, 0);
    sender.copyTo(out, Address.LENGTH);
    Bytes32.fromUint(nonce).copyTo(out, 2 * Address.LENGTH);
    return out;
  }

  private static NonceSlot fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("nonce slot key of " + bytes.length + " bytes");
    }
    return new NonceSlot(
        Address.of(Arrays.copyOfRange(bytes, 0, Address.LENGTH)),
        Address.of(Arrays.copyOfRange(bytes, Address.LENGTH, 2 * Address.LENGTH)),
        Bytes32.of(bytes, 2 * Address.LENGTH).toUint());
  }
}
