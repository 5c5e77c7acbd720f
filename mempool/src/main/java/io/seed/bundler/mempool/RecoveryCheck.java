package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.validation.UserOperationRejectedException;

/**
 * Re-checks a stored operation against the chain when the durable pool opens. Operations it
 * rejects are dropped from the pool and the store, and the rejection's message is logged as the
 * reason. Checks run concurrently ({@link MempoolConfig#recoveryParallelism()} at a time).
 */
@FunctionalInterface
public interface RecoveryCheck {

  /** Keeps every stored operation (the pool's own rules still apply). */
  RecoveryCheck NONE = entry -> {};

  /**
   * Returns when {@code entry} is still valid.
   *
   * @throws UserOperationRejectedException when it is not, saying why
   * @throws RuntimeException when it cannot tell (the node is down): opening the pool fails and
   *     nothing is dropped
   */
  void verify(PoolEntry entry) throws UserOperationRejectedException;
}
