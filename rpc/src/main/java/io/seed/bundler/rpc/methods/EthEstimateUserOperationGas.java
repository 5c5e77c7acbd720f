package io.seed.bundler.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.gas.GasEstimate;
import io.seed.bundler.core.gas.GasEstimator;
import io.seed.bundler.core.node.StateOverrideSet;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.rpc.jsonrpc.JsonRpcRequest;
import io.seed.bundler.rpc.jsonrpc.RpcException;
import io.seed.bundler.rpc.wire.HexJson;
import io.seed.bundler.rpc.wire.UserOperationJson;
import java.util.Objects;

/**
 * {@code eth_estimateUserOperationGas(userOp, entryPoint, stateOverride?)}: the gas limits the
 * operation needs. Gas fields may be missing or zero and the signature a dummy of the right shape.
 */
public final class EthEstimateUserOperationGas extends NamedMethod {
  private final UserOperationParams params;
  private final GasEstimator estimator;

  /** Estimates with {@code estimator} for the {@code entryPoints} served. */
  public EthEstimateUserOperationGas(
      SupportedEntryPoints entryPoints, UserOperationJson json, GasEstimator estimator) {
    super("eth_estimateUserOperationGas");
    this.params = new UserOperationParams(entryPoints, json);
    this.estimator = Objects.requireNonNull(estimator, "estimator");
  }

  @Override
  public Object execute(JsonRpcRequest request) throws UserOperationRejectedException {
    request.requireParamCount(2, 3);
    UserOperationParams.Target target = params.forEstimation(request);
    GasEstimate estimate =
        estimator.estimate(
            target.operation(), target.entryPoint(), stateOverride(request.param(2)));
    return new Result(
        HexJson.quantity(estimate.preVerificationGas()),
        HexJson.quantity(estimate.verificationGasLimit()),
        HexJson.quantity(estimate.callGasLimit()),
        HexJson.quantity(estimate.paymasterVerificationGasLimit()),
        HexJson.quantity(estimate.paymasterPostOpGasLimit()));
  }

  private static StateOverrideSet stateOverride(JsonNode param) {
    if (param.isNull()) {
      return StateOverrideSet.EMPTY;
    }
    try {
      return StateOverrideSet.fromJson(param);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("invalid parameter 'stateOverride': " + e.getMessage());
    }
  }

  /** The answer, serialised in this field order. */
  record Result(
      String preVerificationGas,
      String verificationGasLimit,
      String callGasLimit,
      String paymasterVerificationGasLimit,
      String paymasterPostOpGasLimit) {}
}
