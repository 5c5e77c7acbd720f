package io.seed.bundler.core.abi;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An entity's stake as the EntryPoint reports it in simulation results.
 *
 * @param stake the staked amount in wei
 * @param unstakeDelaySec the delay in seconds between unlocking and withdrawing the stake
 */
public record StakeInfo(BigInteger stake, BigInteger unstakeDelaySec) {
  /** No stake. */
  public static final StakeInfo NONE = new StakeInfo(BigInteger.ZERO, BigInteger.ZERO);

  public StakeInfo {
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(unstakeDelaySec, "unstakeDelaySec");
  }

  static StakeInfo read(AbiReader reader, int offset) {
    return new StakeInfo(reader.uint(offset), reader.uint(offset + 32));
  }
}
