package io.seed.bundler.core.pool;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The mempool as the RPC methods and the bundle builder see it. Kept narrow on purpose, so that
 * a durable or a remote pool can stand behind it.
 */
public interface UserOperationPool {

  /**
   * Admits a validated operation. An operation with the same sender and nonce is replaced only
   * when the newcomer pays enough more; the same operation twice is refused.
   *
   * @return the entry it replaced, if any
   * @throws UserOperationRejectedException when the pool's rules refuse it
   */
  Optional<PoolEntry> add(PoolEntry entry) throws UserOperationRejectedException;

  /** The pending operation with this hash. */
  Optional<PoolEntry> get(Bytes32 userOpHash);

  /**
   * Pending operations for one EntryPoint, best first (highest effective tip), for the builder to
   * choose from. The builder applies its own per-bundle rules.
   */
  List<PoolEntry> candidates(EntryPoint entryPoint, int limit);

  /** Every pending operation for one EntryPoint, in arrival order. */
  List<PoolEntry> dump(EntryPoint entryPoint);

  /**
   * Pending operations of {@code sender} for one EntryPoint, in nonce order. Reads memory only and
   * costs what the sender holds, not what the pool holds: I/O-free checks call it for every
   * operation they judge.
   */
  List<PoolEntry> pendingOf(EntryPoint entryPoint, Address sender);

  /** Removes operations that were included, dropped or replaced; unknown hashes are ignored. */
  void remove(Collection<Bytes32> userOpHashes);

  /** Removes every pending operation. */
  void clear();

  /** Number of pending operations. */
  int size();
}
