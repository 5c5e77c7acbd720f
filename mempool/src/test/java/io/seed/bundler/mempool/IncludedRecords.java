package io.seed.bundler.mempool;

import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;

/** Builds included-operation records for tests. */
final class IncludedRecords {
  private IncludedRecords() {}

  /** {@code entry} included in block {@code number}, whose hash is derived from the number. */
  static IncludedOperation included(PoolEntry entry, long number) {
    return included(entry, number, blockHash(number));
  }

  static IncludedOperation included(PoolEntry entry, long number, Bytes32 blockHash) {
    UserOperationEvent event =
        new UserOperationEvent(
            entry.userOpHash(), entry.sender(),
            entry.operation().paymaster() == null ? Address.ZERO : entry.operation().paymaster(),
            entry.operation().nonce(), true, BigInteger.valueOf(123_456_789),
            BigInteger.valueOf(98_765));
    return new IncludedOperation(
        entry.userOpHash(), entry.entryPoint(), entry, number, blockHash,
        Bytes32.fromUint(BigInteger.valueOf(number * 1_000 + 7)), event);
  }

  static Bytes32 blockHash(long number) {
    return Bytes32.fromUint(BigInteger.valueOf(0xb10c_0000L + number));
  }
}
