package io.seed.bundler.core.validation;

import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The checks that need no node call beyond a {@link ChainSnapshot}: field sizes, gas caps,
 * preVerificationGas, the fee floor and whether sender, factory and paymaster are deployed as the
 * operation claims. Cheap rejections before the simulation's round trip.
 */
public final class Precheck {
  /** The {@code factory} value of an EIP-7702 operation, whose sender is an EOA with delegated code. */
  static final Address EIP7702_FACTORY =
      Address.fromHex("0x7702000000000000000000000000000000000000");

  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private final PrecheckConfig config;
  private final PreVerificationGasCalculator preVerificationGas;

  /** A precheck with these limits, requiring the preVerificationGas {@code calculator} asks. */
  public Precheck(PrecheckConfig config, PreVerificationGasCalculator calculator) {
    this.config = Objects.requireNonNull(config, "config");
    this.preVerificationGas = Objects.requireNonNull(calculator, "calculator");
  }

  /**
   * Applies every check to {@code op}.
   *
   * @throws UserOperationRejectedException naming the first violated rule
   */
  public void check(PackedUserOperation op, ChainSnapshot chain)
      throws UserOperationRejectedException {
    checkSizes(op);
    checkGasCaps(op, chain);
    checkPreVerificationGas(op);
    checkFees(op, chain);
    checkDeployment(op, chain);
  }

  private void checkSizes(PackedUserOperation op) throws UserOperationRejectedException {
    requireSize("callData", op.callData(), config.maxCallDataBytes());
    requireSize("signature", op.signature(), config.maxSignatureBytes());
    requireSize("factoryData", op.factoryData(), config.maxFactoryDataBytes());
    requireSize("paymasterData", op.paymasterData(), config.maxPaymasterDataBytes());
  }

  private void checkGasCaps(PackedUserOperation op, ChainSnapshot chain)
      throws UserOperationRejectedException {
    requireAtMost("verificationGasLimit", op.verificationGasLimit(), config.maxVerificationGasLimit());
    requireAtMost("callGasLimit", op.callGasLimit(), config.maxCallGasLimit());
    requireAtMost(
        "paymasterVerificationGasLimit",
        op.paymasterVerificationGasLimit(),
        config.maxPaymasterVerificationGasLimit());
    requireAtMost(
        "paymasterPostOpGasLimit", op.paymasterPostOpGasLimit(), config.maxPaymasterPostOpGasLimit());
    BigInteger total =
        op.preVerificationGas()
            .add(op.verificationGasLimit())
            .add(op.callGasLimit())
            .add(op.paymasterVerificationGasLimit())
            .add(op.paymasterPostOpGasLimit());
    if (total.compareTo(BigInteger.valueOf(chain.blockGasLimit())) > 0) {
      throw invalid(
          "total gas of the operation " + total + " exceeds the block gas limit " + chain.blockGasLimit());
    }
  }

  private void checkPreVerificationGas(PackedUserOperation op) throws UserOperationRejectedException {
    BigInteger minimum = preVerificationGas.minimum(op);
    if (op.preVerificationGas().compareTo(minimum) < 0) {
      throw invalid(
          "preVerificationGas " + op.preVerificationGas() + " is below the " + minimum
              + " this operation needs");
    }
  }

  private void checkFees(PackedUserOperation op, ChainSnapshot chain)
      throws UserOperationRejectedException {
    if (op.maxPriorityFeePerGas().compareTo(op.maxFeePerGas()) > 0) {
      throw invalid(
          "maxPriorityFeePerGas " + op.maxPriorityFeePerGas() + " exceeds maxFeePerGas "
              + op.maxFeePerGas());
    }
    BigInteger floor =
        chain.baseFeePerGas().multiply(BigInteger.valueOf(config.baseFeeAcceptPercent())).divide(HUNDRED);
    if (op.maxFeePerGas().compareTo(floor) < 0) {
      throw invalid(
          "maxFeePerGas " + op.maxFeePerGas() + " is below the required " + floor
              + " (base fee " + chain.baseFeePerGas() + ")");
    }
    if (op.maxPriorityFeePerGas().compareTo(config.minPriorityFeePerGas()) < 0) {
      throw invalid(
          "maxPriorityFeePerGas " + op.maxPriorityFeePerGas() + " is below the minimum "
              + config.minPriorityFeePerGas());
    }
  }

  private static void checkDeployment(PackedUserOperation op, ChainSnapshot chain)
      throws UserOperationRejectedException {
    boolean eip7702 = EIP7702_FACTORY.equals(op.factory());
    if (op.factory() != null && !eip7702 && chain.senderDeployed()) {
      throw new UserOperationRejectedException(
          RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA10 sender already constructed");
    }
    if (op.factory() == null && !chain.senderDeployed()) {
      throw new UserOperationRejectedException(
          RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA20 account not deployed");
    }
    if (op.paymaster() != null && !chain.paymasterDeployed()) {
      throw new UserOperationRejectedException(
          RejectionReason.REJECTED_BY_PAYMASTER, "AA30 paymaster not deployed");
    }
  }

  private static void requireSize(String field, Bytes value, int max)
      throws UserOperationRejectedException {
    if (value.length() > max) {
      throw invalid(field + " is " + value.length() + " bytes, more than the " + max + " allowed");
    }
  }

  private static void requireAtMost(String field, BigInteger value, BigInteger max)
      throws UserOperationRejectedException {
    if (value.compareTo(max) > 0) {
      throw invalid(field + " " + value + " exceeds the maximum " + max);
    }
  }

  private static UserOperationRejectedException invalid(String message) {
    return new UserOperationRejectedException(RejectionReason.INVALID_FIELDS, message);
  }
}
