package io.seed.bundler.core.testing;

import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.gas.PreVerificationGasConfig;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.Precheck;
import io.seed.bundler.core.validation.PrecheckConfig;
import io.seed.bundler.core.validation.ValidationConfig;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.time.Clock;

/** The validation pipeline as the node builds it, with default settings, for ITs on anvil. */
public final class ValidationPipelines {
  private ValidationPipelines() {}

  /**
   * A pipeline (plain simulation, no prevalidation) for {@code anvil}'s chain that talks to the
   * node through {@code eth} and judges validity windows by {@code clock}.
   */
  public static ValidationPipeline plain(AnvilFixture anvil, EthApi eth, Clock clock) {
    return plain(anvil.client(), anvil.chainId(), eth, clock);
  }

  /**
   * A pipeline (plain simulation, no prevalidation) for chain {@code chainId} reached by {@code
   * node}, talking to it through {@code eth}: for code outside JUnit (the benchmarks).
   */
  public static ValidationPipeline plain(NodeClient node, long chainId, EthApi eth, Clock clock) {
    return new ValidationPipeline(
        eth,
        new EntryPointSimulationsCode(node),
        new Precheck(
            PrecheckConfig.DEFAULTS,
            new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET)),
        new UserOperationHasher(),
        chainId,
        ValidationConfig.DEFAULTS,
        clock);
  }
}
