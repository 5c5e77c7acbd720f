package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What {@code EntryPointSimulations.simulateValidation} returns for EntryPoint v0.7 and v0.8.
 *
 * @param returnInfo gas, prefund, validation data and paymaster context
 * @param senderInfo the sender's stake
 * @param factoryInfo the factory's stake (zero without a factory)
 * @param paymasterInfo the paymaster's stake (zero without a paymaster)
 * @param aggregatorInfo the aggregator and its stake (zero address when not aggregated)
 */
public record ValidationResult(
    ReturnInfo returnInfo,
    StakeInfo senderInfo,
    StakeInfo factoryInfo,
    StakeInfo paymasterInfo,
    AggregatorStakeInfo aggregatorInfo) {

  public ValidationResult {
    Objects.requireNonNull(returnInfo, "returnInfo");
    Objects.requireNonNull(senderInfo, "senderInfo");
    Objects.requireNonNull(factoryInfo, "factoryInfo");
    Objects.requireNonNull(paymasterInfo, "paymasterInfo");
    Objects.requireNonNull(aggregatorInfo, "aggregatorInfo");
  }

  /**
   * Gas and validity figures of a validation.
   *
   * @param preOpGas gas used by validation plus preVerificationGas
   * @param prefund the amount the account or paymaster had to deposit
   * @param accountValidationData the account's packed validation data
   * @param paymasterValidationData the paymaster's packed validation data (0 without one)
   * @param paymasterContext the context the paymaster returned for postOp
   */
  public record ReturnInfo(
      BigInteger preOpGas,
      BigInteger prefund,
      ValidationData accountValidationData,
      ValidationData paymasterValidationData,
      Bytes paymasterContext) {
    public ReturnInfo {
      Objects.requireNonNull(preOpGas, "preOpGas");
      Objects.requireNonNull(prefund, "prefund");
      Objects.requireNonNull(accountValidationData, "accountValidationData");
      Objects.requireNonNull(paymasterValidationData, "paymasterValidationData");
      Objects.requireNonNull(paymasterContext, "paymasterContext");
    }
  }

  /**
   * The signature aggregator of an aggregated operation.
   *
   * @param aggregator the aggregator's address, zero when the operation is not aggregated
   * @param stakeInfo the aggregator's stake
   */
  public record AggregatorStakeInfo(Address aggregator, StakeInfo stakeInfo) {
    public AggregatorStakeInfo {
      Objects.requireNonNull(aggregator, "aggregator");
      Objects.requireNonNull(stakeInfo, "stakeInfo");
    }
  }
}
