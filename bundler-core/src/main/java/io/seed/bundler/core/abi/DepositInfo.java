package io.seed.bundler.core.abi;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's deposit and stake in the EntryPoint ({@code getDepositInfo}).
 *
 * @param deposit the deposit in wei that pays for operations
 * @param staked whether a stake is locked
 * @param stake the staked amount in wei
 * @param unstakeDelaySec the unstake delay in seconds
 * @param withdrawTime when an unlocked stake can be withdrawn (0 while locked)
 */
public record DepositInfo(
    BigInteger deposit, boolean staked, BigInteger stake, long unstakeDelaySec, long withdrawTime) {
  public DepositInfo {
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(stake, "stake");
  }
}
