package io.seed.bundler.mempool;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.mempool.reputation.ReputationStatus;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The pool's entity rules backed by {@link Reputation}, judging stakes as validation reported
 * them with each operation. For each accountable entity (a staked sender, factory or paymaster,
 * and an unstaked paymaster): a banned one is refused [GREP-010] and a throttled one is held to
 * {@code THROTTLED_ENTITY_MEMPOOL_COUNT} pending operations [GREP-020] (both -32504). An unstaked
 * paymaster is held to its unstaked allowance [UREP-020] (-32505). A staked sender is free of the
 * per-sender limit [UREP-011]; an unstaked sender only has that limit, and an unstaked factory no
 * limit, as ERC-7562 has it. Admitted operations count as seen by their entities.
 */
final class ReputationRules implements EntityRules {
  private final Reputation reputation;

  ReputationRules(Reputation reputation) {
    this.reputation = Objects.requireNonNull(reputation, "reputation");
  }

  @Override
  public boolean isSenderStaked(PoolEntry entry) {
    return reputation.config().isStaked(entry.stakes().sender());
  }

  @Override
  public void check(PoolEntry entry, ToIntFunction<Address> pending)
      throws UserOperationRejectedException {
    PackedUserOperation op = entry.operation();
    EntityStakes stakes = entry.stakes();
    checkEntity(entry, EntityRole.SENDER, op.sender(), stakes.sender(), pending);
    if (op.factory() != null) {
      checkEntity(entry, EntityRole.FACTORY, op.factory(), stakes.factory(), pending);
    }
    if (op.paymaster() != null) {
      checkEntity(entry, EntityRole.PAYMASTER, op.paymaster(), stakes.paymaster(), pending);
    }
  }

  @Override
  public void admitted(List<PoolEntry> entries) {
    reputation.seen(entries);
  }

  private void checkEntity(
      PoolEntry entry,
      EntityRole role,
      Address entity,
      StakeInfo stake,
      ToIntFunction<Address> pending)
      throws UserOperationRejectedException {
    String name = role.label() + " " + entity;
    ReputationConfig config = reputation.config();
    int count = pending.applyAsInt(entity);
    if (reputation.isAccountable(entry, entity)) {
      ReputationStatus status = reputation.status(entry.entryPoint(), entity);
      if (status == ReputationStatus.BANNED) {
        throw new UserOperationRejectedException(RejectionReason.REPUTATION, name + " is banned");
      }
      if (status == ReputationStatus.THROTTLED && count >= config.throttledEntityMempoolCount()) {
        throw new UserOperationRejectedException(
            RejectionReason.REPUTATION,
            name + " is throttled and already has " + count + " userOps in the mempool, the most"
                + " a throttled entity may have; wait for them to be included");
      }
    }
    if (role == EntityRole.PAYMASTER
        && !config.isStaked(stake)
        && count >= reputation.unstakedAllowance(entry.entryPoint(), entity)) {
      throw new UserOperationRejectedException(
          RejectionReason.INSUFFICIENT_STAKE,
          name + " " + stakeShortfall(stake, config) + " and already has " + count
              + " userOps in the mempool, the most its inclusion record allows an unstaked "
              + role.label() + "; wait for them to be included, or stake the " + role.label());
    }
  }

  /** What keeps {@code stake} from counting as staked, in the words clients match on. */
  private static String stakeShortfall(StakeInfo stake, ReputationConfig config) {
    if (stake.stake().signum() == 0) {
      return "is unstaked";
    }
    if (stake.stake().compareTo(config.minStake()) < 0) {
      return "stake " + stake.stake() + " is too low (min " + config.minStake() + ")";
    }
    return "unstake delay " + stake.unstakeDelaySec() + " is too low (min "
        + config.minUnstakeDelaySeconds() + ")";
  }
}
