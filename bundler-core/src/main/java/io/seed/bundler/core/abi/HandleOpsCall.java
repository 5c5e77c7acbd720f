package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of one {@code handleOps(PackedUserOperation[] ops, address beneficiary)} call.
 *
 * @param operations the operations in bundle order (the EntryPoint's {@code opIndex} order)
 * @param beneficiary who receives the gas refunds
 */
public record HandleOpsCall(List<PackedUserOperation> operations, Address beneficiary) {
  public HandleOpsCall {
    operations = List.copyOf(operations);
    Objects.requireNonNull(beneficiary, "beneficiary");
  }
}
