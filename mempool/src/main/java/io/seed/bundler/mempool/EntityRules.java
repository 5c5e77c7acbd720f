package io.seed.bundler.mempool;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * ERC-7562's entity rules as the pool applies them: whether a sender is staked (which lifts the
 * per-sender limit), whether reputation and stake let an operation's entities in next to the
 * pending ones, and what an admission counts towards reputation.
 */
interface EntityRules {

  /** Rules without reputation: only the per-sender limit, lifted for senders {@code stakes} names. */
  static EntityRules stakedBy(StakedEntities stakes) {
    Objects.requireNonNull(stakes, "stakes");
    return new EntityRules() {
      @Override
      public boolean isSenderStaked(PoolEntry entry) {
        return stakes.isStaked(entry.entryPoint(), entry.sender());
      }

      @Override
      public void check(PoolEntry entry, ToIntFunction<Address> pending) {}

      @Override
      public void admitted(List<PoolEntry> entries) {}
    };
  }

  /** Whether {@code entry}'s sender is staked. Called outside the pool's locks. */
  boolean isSenderStaked(PoolEntry entry);

  /**
   * Refuses {@code entry} when its entities may not have another operation in the pool. Runs on
   * the pool's writer thread under its lock, so it must not wait on I/O.
   *
   * @param pending how many pending operations under the entry's EntryPoint name an address, in
   *     each role it plays, not counting the operation the entry replaces
   */
  void check(PoolEntry entry, ToIntFunction<Address> pending)
      throws UserOperationRejectedException;

  /** {@code entries} were admitted: they are durable and visible in the pool. */
  void admitted(List<PoolEntry> entries);
}
