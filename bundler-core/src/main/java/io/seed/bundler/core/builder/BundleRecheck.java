package io.seed.bundler.core.builder;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.validation.UserOperationRejectedException;

/**
 * Re-validates a pooled operation just before it goes into a bundle, since the chain may have
 * moved since it was admitted. The node wires the validation pipeline's re-check here ({@code
 * pipeline::recheck}), which in safe mode judges the rules on a new trace and records the storage
 * validation uses now, without reading code hashes again.
 */
@FunctionalInterface
public interface BundleRecheck {

  /**
   * @return the entry as it validates now (its validity window and the storage its validation
   *     used may have changed)
   * @throws UserOperationRejectedException when it no longer validates; the builder then drops it
   *     from the pool
   */
  PoolEntry recheck(PoolEntry entry) throws UserOperationRejectedException;
}
