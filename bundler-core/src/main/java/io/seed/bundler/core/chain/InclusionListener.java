package io.seed.bundler.core.chain;

import java.util.List;

/**
 * Told by the {@link InclusionRecorder} about operations that were pending in this bundler's pool
 * and are now seen included (ERC-7562 counts them as {@code opsIncluded} of their entities). Each
 * inclusion is reported once, however often its logs are recorded; an operation that a reorg gave
 * back to the pool is reported again when it is included again.
 */
@FunctionalInterface
public interface InclusionListener {

  /** Listens to nothing. */
  InclusionListener NONE = operations -> {};

  /**
   * {@code operations} were included; each has its {@link IncludedOperation#pendingEntry() pool
   * entry}.
   */
  void included(List<IncludedOperation> operations);
}
