package io.seed.bundler.core.gas;

import io.seed.bundler.core.abi.EntryPointSimulationsCodec;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.entrypoint.EntryPointClient;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.node.AccountOverride;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@code eth_estimateUserOperationGas} for EntryPoint v0.7 / v0.8. Operations arrive with gas
 * fields zero or missing and a dummy signature of the right shape; estimation never needs the
 * signature to verify.
 *
 * <ol>
 *   <li>Fees: an operation without maxFeePerGas is simulated at twice the latest base fee (at
 *       least 1 wei), so the account's prefund transfer, part of its validation gas, really runs.
 *   <li>Funds: unless a paymaster pays or the user overrides the sender's balance, the simulations
 *       give the sender its balance plus the largest prefund they ask, so an unfunded account still
 *       gets an estimate (whether it can pay is checked when the operation is sent).
 *   <li>verificationGasLimit, then paymasterVerificationGasLimit: binary search over {@code
 *       simulateValidation}.
 *   <li>callGasLimit: measured by {@link CallGasEstimator}; a reverting execution is refused with
 *       its decoded reason.
 *   <li>preVerificationGas: {@link PreVerificationGasCalculator#forEstimation}.
 * </ol>
 *
 * The paymaster's postOp limit is the operation's own (paymaster services supply it with their
 * data); it is returned unchanged. User state overrides apply to every simulation.
 */
public final class GasEstimator {
  private static final BigInteger FEE_MULTIPLIER = BigInteger.TWO;

  private final EthApi eth;
  private final EntryPointSimulationsCode simulationsCode;
  private final PreVerificationGasCalculator preVerificationGas;
  private final UserOperationHasher hasher;
  private final long chainId;
  private final GasEstimatorConfig config;

  /**
   * An estimator for one chain.
   *
   * @param eth the node
   * @param simulationsCode the shared cache of the simulations runtime code
   * @param preVerificationGas the calculator the precheck also uses
   * @param hasher computes the userOpHash that {@code executeUserOp} accounts receive
   * @param chainId the chain's id
   * @param config ceilings, buffers and search tolerance
   */
  public GasEstimator(
      EthApi eth,
      EntryPointSimulationsCode simulationsCode,
      PreVerificationGasCalculator preVerificationGas,
      UserOperationHasher hasher,
      long chainId,
      GasEstimatorConfig config) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.simulationsCode = Objects.requireNonNull(simulationsCode, "simulationsCode");
    this.preVerificationGas = Objects.requireNonNull(preVerificationGas, "preVerificationGas");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.chainId = chainId;
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Estimates the gas fields of {@code op} for {@code entryPoint}.
   *
   * @param userOverrides the client's state overrides, {@link StateOverrideSet#EMPTY} for none
   * @throws UserOperationRejectedException when validation fails even with ample gas (with the
   *     EntryPoint's reason) or execution reverts
   */
  public GasEstimate estimate(
      PackedUserOperation op, EntryPoint entryPoint, StateOverrideSet userOverrides)
      throws UserOperationRejectedException {
    CompletableFuture<BlockHeader> block = eth.latestBlock();
    CompletableFuture<BigInteger> balance = eth.getBalance(op.sender(), BlockTag.LATEST);
    BigInteger fee = simulationFee(op, NodeFutures.await(block));

    // Verification is searched with the largest callGasLimit: the prefund then exceeds any
    // deposit the account left in the EntryPoint, so the search measures the path where the
    // account pays (a value call into the EntryPoint). Searching with the client's callGasLimit
    // (often 0) can let a leftover deposit cover the prefund, measure the cheaper path, and give a
    // verificationGasLimit that fails with AA26 once the real callGasLimit raises the prefund.
    PackedUserOperation simulated =
        op.withFees(fee, fee)
            .withGas(
                preVerificationGas.forEstimation(op),
                op.verificationGasLimit(),
                BigInteger.valueOf(config.maxCallGas()),
                op.paymasterVerificationGasLimit(),
                op.paymasterPostOpGasLimit());
    StateOverrideSet overrides =
        funded(simulated, fee, NodeFutures.await(balance)).merge(userOverrides);
    EntryPointClient client = new EntryPointClient(eth, entryPoint, simulationsCode);

    VerificationGasEstimator verification = new VerificationGasEstimator(client, overrides, config);
    simulated = withVerification(simulated, verification.accountLimit(simulated), BigInteger.ZERO);
    if (simulated.paymaster() != null) {
      simulated =
          withVerification(
              simulated, simulated.verificationGasLimit(), verification.paymasterLimit(simulated));
    }
    BigInteger callGasLimit =
        new CallGasEstimator(client, overrides, config)
            .limit(simulated, accountCall(op, entryPoint));

    PackedUserOperation estimated =
        op.withGas(
            op.preVerificationGas(),
            simulated.verificationGasLimit(),
            callGasLimit,
            simulated.paymasterVerificationGasLimit(),
            op.paymasterPostOpGasLimit());
    return new GasEstimate(
        preVerificationGas.forEstimation(estimated),
        estimated.verificationGasLimit(),
        estimated.callGasLimit(),
        estimated.paymasterVerificationGasLimit(),
        estimated.paymasterPostOpGasLimit());
  }

  private static BigInteger simulationFee(PackedUserOperation op, BlockHeader block) {
    if (op.maxFeePerGas().signum() > 0) {
      return op.maxFeePerGas();
    }
    BigInteger baseFee = block.baseFeePerGas() == null ? BigInteger.ZERO : block.baseFeePerGas();
    return baseFee.multiply(FEE_MULTIPLIER).max(op.maxPriorityFeePerGas()).max(BigInteger.ONE);
  }

  /** The sender's balance raised by the largest prefund any simulation asks of it. */
  private StateOverrideSet funded(PackedUserOperation op, BigInteger fee, BigInteger balance) {
    if (op.paymaster() != null) {
      return StateOverrideSet.EMPTY;
    }
    BigInteger ceilings =
        BigInteger.valueOf(config.maxVerificationGas())
            .add(BigInteger.valueOf(config.maxCallGas()).multiply(BigInteger.TWO))
            .add(op.preVerificationGas())
            .add(op.callGasLimit());
    return StateOverrideSet.of(
        op.sender(), AccountOverride.balance(balance.add(ceilings.multiply(fee))));
  }

  private Bytes accountCall(PackedUserOperation op, EntryPoint entryPoint) {
    if (!EntryPointSimulationsCodec.isExecuteUserOp(op.callData())) {
      return op.callData();
    }
    return EntryPointSimulationsCodec.encodeExecuteUserOp(op, hasher.hash(op, entryPoint, chainId));
  }

  private static PackedUserOperation withVerification(
      PackedUserOperation op, BigInteger verificationGasLimit, BigInteger paymasterLimit) {
    return op.withGas(
        op.preVerificationGas(),
        verificationGasLimit,
        op.callGasLimit(),
        paymasterLimit,
        op.paymasterPostOpGasLimit());
  }
}
