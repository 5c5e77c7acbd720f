package io.seed.bundler.core.sessionkey;

import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;

/**
 * The operations already accepted into the mempool that may use {@code grant}, in nonce order,
 * supplied by the caller so stateful limits count them. Returning every pending operation of
 * {@code grant.account()} is enough: the pre-validator keeps only those that decode to the same
 * grant, share the nonce key and come before the operation being judged. Must not do I/O.
 */
@FunctionalInterface
public interface PendingOperations {
  /** No pending operations: for callers without a mempool, and for tests. */
  PendingOperations NONE = grant -> List.of();

  /** Pending operations that may use {@code grant}, in nonce order. */
  List<PackedUserOperation> of(GrantKey grant);
}
