package io.seed.bundler.mempool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;

/**
 * Tells the pool whether an entity is staked with an EntryPoint (ERC-7562: a staked sender is not
 * held to the unstaked per-sender limit). The pool asks once per {@code add}, outside its locks;
 * answer from a cache, not from the node.
 */
@FunctionalInterface
public interface StakedEntities {

  /** Nobody is staked: every sender is held to the unstaked limit. */
  StakedEntities NONE = (entryPoint, entity) -> false;

  /** True when {@code entity} has at least the required stake and unstake delay. */
  boolean isStaked(EntryPoint entryPoint, Address entity);
}
