package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.types.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An entity's stake in an EntryPoint and whether it makes the entity staked, as {@code
 * debug_bundler_getStakeStatus} reports it ({@code {stakeInfo: {addr, stake, unstakeDelaySec},
 * isStaked}}).
 *
 * @param address the entity
 * @param stake its stake in wei
 * @param unstakeDelaySec its unstake delay in seconds
 * @param staked whether stake and delay meet the bundler's minimums
 */
public record StakeStatus(
    Address address, BigInteger stake, long unstakeDelaySec, boolean staked) {
  public StakeStatus {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(stake, "stake");
  }
}
