package io.seed.bundler.core.builder;

import io.seed.bundler.core.abi.HandleOpsCodec;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The operations chosen for one {@code handleOps} call, in bundle order, with its calldata.
 *
 * @param gasLimit gas for the transaction: the sum of the operations' limits plus the configured
 *     overhead, or the node's estimate when that is higher
 */
record Bundle(EntryPoint entryPoint, List<PoolEntry> entries, Bytes callData, BigInteger gasLimit) {
  Bundle {
    Objects.requireNonNull(entryPoint, "entryPoint");
    entries = List.copyOf(entries);
    Objects.requireNonNull(callData, "callData");
    Objects.requireNonNull(gasLimit, "gasLimit");
  }

  static Bundle of(EntryPoint entryPoint, List<PoolEntry> entries, BuilderConfig config) {
    List<PackedUserOperation> operations = entries.stream().map(PoolEntry::operation).toList();
    BigInteger gas = BigInteger.valueOf(config.bundleGasOverhead());
    for (PackedUserOperation op : operations) {
      gas = gas.add(gasLimitOf(op));
    }
    return new Bundle(
        entryPoint, entries, HandleOpsCodec.encode(operations, config.beneficiary()), gas);
  }

  /** Everything the EntryPoint may charge an operation for. */
  static BigInteger gasLimitOf(PackedUserOperation op) {
    return op.preVerificationGas()
        .add(op.verificationGasLimit())
        .add(op.callGasLimit())
        .add(op.paymasterVerificationGasLimit())
        .add(op.paymasterPostOpGasLimit());
  }

  /** The same bundle with another gas limit for its transaction. */
  Bundle withGasLimit(BigInteger newGasLimit) {
    return new Bundle(entryPoint, entries, callData, newGasLimit);
  }

  /** The same bundle without the operation at {@code index}. */
  Bundle without(int index, BuilderConfig config) {
    List<PoolEntry> rest = new ArrayList<>(entries);
    rest.remove(index);
    return of(entryPoint, rest, config);
  }

  List<Bytes32> userOpHashes() {
    return entries.stream().map(PoolEntry::userOpHash).toList();
  }
}
