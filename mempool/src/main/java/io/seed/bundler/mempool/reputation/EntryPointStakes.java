package io.seed.bundler.mempool.reputation;

import io.seed.bundler.core.abi.DepositInfo;
import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Reads an entity's stake from the EntryPoint ({@code getDepositInfo}), one node call per
 * question. The pool never asks it: admission judges the stakes validation reported with each
 * operation. It answers {@code debug_bundler_getStakeStatus}.
 */
public final class EntryPointStakes {
  private final EthApi eth;
  private final EntryPointSimulationsCode simulationsCode;
  private final ReputationConfig config;

  /** Stakes read through {@code eth}, judged against {@code config}'s minimums. */
  public EntryPointStakes(
      EthApi eth, EntryPointSimulationsCode simulationsCode, ReputationConfig config) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.simulationsCode = Objects.requireNonNull(simulationsCode, "simulationsCode");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The stake of {@code address} in {@code entryPoint} at the latest block.
   *
   * @throws RuntimeException the node client's exception when the node fails
   */
  public StakeStatus stakeStatus(EntryPoint entryPoint, Address address) {
    EntryPointClient client = new EntryPointClient(eth, entryPoint, simulationsCode);
    DepositInfo deposit = NodeFutures.await(client.getDepositInfo(address));
    StakeInfo stake =
        new StakeInfo(deposit.stake(), BigInteger.valueOf(deposit.unstakeDelaySec()));
    return new StakeStatus(
        address, deposit.stake(), deposit.unstakeDelaySec(), config.isStaked(stake));
  }
}
