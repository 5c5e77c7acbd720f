package io.seed.bundler.core.pool;

import io.seed.bundler.core.abi.StakeInfo;
import java.util.Objects;

/**
 * The stakes of an operation's entities as its validation reported them ({@code senderInfo},
 * {@code factoryInfo}, {@code paymasterInfo} of {@code simulateValidation}). The pool judges
 * ERC-7562's stake rules on these, so admitting an operation needs no further node call.
 *
 * @param sender the sender's stake
 * @param factory the factory's stake ({@link StakeInfo#NONE} without a factory)
 * @param paymaster the paymaster's stake ({@link StakeInfo#NONE} without a paymaster)
 */
public record EntityStakes(StakeInfo sender, StakeInfo factory, StakeInfo paymaster) {
  /** Nothing is known to be staked: an entry that did not come from validation. */
  public static final EntityStakes NONE =
      new EntityStakes(StakeInfo.NONE, StakeInfo.NONE, StakeInfo.NONE);

  public EntityStakes {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(paymaster, "paymaster");
  }
}
