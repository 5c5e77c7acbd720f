package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.pool.PoolEntry;

/**
 * How many operations naming an entity (as sender, factory or paymaster) one bundle may carry:
 * ERC-7562 limits a throttled entity to {@code THROTTLED_ENTITY_BUNDLE_COUNT} [GREP-020] and
 * admits none of a banned one, whose operations leave the pool [GREP-010]. Whether an entity is
 * held to these rules depends on its role and stake, so the answer is for an entity as one
 * operation names it.
 */
@FunctionalInterface
public interface BundleEntityLimits {

  /** No entity is limited. */
  BundleEntityLimits NONE = (entry, entity) -> Integer.MAX_VALUE;

  /**
   * The most operations naming {@code entity} (one of {@code entry}'s sender, factory and
   * paymaster) under the entry's EntryPoint in one bundle; 0 when the entity is banned and the
   * entry is to be dropped.
   */
  int maxOperationsPerBundle(PoolEntry entry, Address entity);
}
