package io.seed.bundler.core.builder;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;

/**
 * How many operations naming an entity (as sender, factory or paymaster) one bundle may carry:
 * ERC-7562 limits a throttled entity to {@code THROTTLED_ENTITY_BUNDLE_COUNT} [GREP-020] and
 * admits none of a banned one, whose operations leave the pool [GREP-010].
 */
@FunctionalInterface
public interface BundleEntityLimits {

  /** No entity is limited. */
  BundleEntityLimits NONE = (entryPoint, entity) -> Integer.MAX_VALUE;

  /**
   * The most operations naming {@code entity} under {@code entryPoint} in one bundle; 0 when the
   * entity is banned and its operations are to be dropped.
   */
  int maxOperationsPerBundle(EntryPoint entryPoint, Address entity);
}
