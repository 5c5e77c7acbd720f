package io.seed.bundler.core.abi;

import io.seed.bundler.core.abi.ValidationResult.AggregatorStakeInfo;
import io.seed.bundler.core.abi.ValidationResult.ReturnInfo;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.types.Hex;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;

/**
 * Calls and results of {@code EntryPointSimulations} v0.7 / v0.8 ({@code simulateValidation},
 * {@code simulateHandleOp}), and the {@code IAccountExecute.executeUserOp} call the EntryPoint makes
 * for accounts that take the whole operation.
 */
public final class EntryPointSimulationsCodec {
  private static final String OP_TUPLE = "(address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)";

  /** Signature of {@code simulateValidation}. */
  public static final String SIMULATE_VALIDATION = "simulateValidation" + "(" + OP_TUPLE + ")";

  /** Signature of {@code simulateHandleOp}. */
  public static final String SIMULATE_HANDLE_OP =
      "simulateHandleOp" + "(" + OP_TUPLE + ",address,bytes)";

  /** Signature of {@code IAccountExecute.executeUserOp}. */
  public static final String EXECUTE_USER_OP = "executeUserOp" + "(" + OP_TUPLE + ",bytes32)";

  private static final Bytes SIMULATE_VALIDATION_SELECTOR = Selectors.of(SIMULATE_VALIDATION);
  private static final Bytes SIMULATE_HANDLE_OP_SELECTOR = Selectors.of(SIMULATE_HANDLE_OP);
  private static final Bytes EXECUTE_USER_OP_SELECTOR = Selectors.of(EXECUTE_USER_OP);

  private EntryPointSimulationsCodec() {}

  /** Calldata of {@code simulateValidation(op)}. */
  public static Bytes encodeSimulateValidation(PackedUserOperation op) {
    return call(SIMULATE_VALIDATION_SELECTOR, List.<Type>of(HandleOpsCodec.tuple(op)));
  }

  /** Calldata of {@code simulateHandleOp(op, target, targetCallData)}. */
  public static Bytes encodeSimulateHandleOp(
      PackedUserOperation op, Address target, Bytes targetCallData) {
    return call(
        SIMULATE_HANDLE_OP_SELECTOR,
        List.<Type>of(
            HandleOpsCodec.tuple(op),
            new org.web3j.abi.datatypes.Address(target.toHex()),
            new DynamicBytes(targetCallData.toArray())));
  }

  /** True when {@code callData} calls {@code executeUserOp}, so the EntryPoint rewrites it. */
  public static boolean isExecuteUserOp(Bytes callData) {
    return Selectors.matches(callData, EXECUTE_USER_OP_SELECTOR);
  }

  /** Calldata of {@code executeUserOp(op, userOpHash)}, as the EntryPoint calls the account. */
  public static Bytes encodeExecuteUserOp(PackedUserOperation op, Bytes32 userOpHash) {
    return call(
        EXECUTE_USER_OP_SELECTOR,
        List.<Type>of(
            HandleOpsCodec.tuple(op),
            new org.web3j.abi.datatypes.generated.Bytes32(userOpHash.toArray())));
  }

  /** Decodes the return data of {@code simulateValidation}. */
  public static ValidationResult decodeValidationResult(Bytes returnData) {
    AbiReader result = AbiReader.of(returnData).tupleAt(0);
    AbiReader info = result.tupleAt(0);
    ReturnInfo returnInfo =
        new ReturnInfo(
            info.uint(0),
            info.uint(32),
            ValidationData.parse(info.uint(64)),
            ValidationData.parse(info.uint(96)),
            info.dynamicBytes(128));
    return new ValidationResult(
        returnInfo,
        StakeInfo.read(result, 32),
        StakeInfo.read(result, 96),
        StakeInfo.read(result, 160),
        new AggregatorStakeInfo(result.address(224), StakeInfo.read(result, 256)));
  }

  /** Decodes the return data of {@code simulateHandleOp}. */
  public static ExecutionResult decodeExecutionResult(Bytes returnData) {
    AbiReader result = AbiReader.of(returnData).tupleAt(0);
    return new ExecutionResult(
        result.uint(0),
        result.uint(32),
        ValidationData.parse(result.uint(64)),
        ValidationData.parse(result.uint(96)),
        result.bool(128),
        result.dynamicBytes(160));
  }

  static Bytes call(Bytes selector, List<Type> arguments) {
    return Bytes.concat(
        selector, Bytes.wrap(Hex.decode("0x" + FunctionEncoder.encodeConstructor(arguments))));
  }
}
