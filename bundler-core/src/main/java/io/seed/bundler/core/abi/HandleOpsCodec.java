package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Calldata of EntryPoint v0.7 / v0.8 {@code handleOps(PackedUserOperation[], address)}: encoding
 * for the bundles this bundler sends, decoding for bundles found on chain (also those sent by
 * other bundlers), with the packed fields unpacked into {@link PackedUserOperation}.
 */
public final class HandleOpsCodec {
  /** The canonical signature the selector is derived from. */
  public static final String SIGNATURE =
      "handleOps((address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)[],address)";

  private static final int SELECTOR_LENGTH = 4;
  private static final Bytes SELECTOR = Selectors.of(SIGNATURE);
  // v0.7/v0.8 PAYMASTER_DATA_OFFSET: paymaster(20) ‖ uint128 ‖ uint128.
  private static final int PAYMASTER_DATA_OFFSET = 52;

  private HandleOpsCodec() {}

  /** The 4-byte function selector. */
  public static Bytes selector() {
    return SELECTOR;
  }

  /** The calldata of {@code handleOps(operations, beneficiary)}. */
  @SuppressWarnings("rawtypes") // web3j's encoder takes a List of the raw Type
  public static Bytes encode(List<PackedUserOperation> operations, Address beneficiary) {
    List<DynamicStruct> tuples = new ArrayList<>(operations.size());
    for (PackedUserOperation op : operations) {
      tuples.add(tuple(op));
    }
    List<Type> arguments =
        List.of(
            new DynamicArray<>(DynamicStruct.class, tuples),
            new org.web3j.abi.datatypes.Address(beneficiary.toHex()));
    return Bytes.concat(SELECTOR, Bytes.fromHex("0x" + FunctionEncoder.encodeConstructor(arguments)));
  }

  /** True when {@code calldata} starts with the {@code handleOps} selector. */
  public static boolean isHandleOps(Bytes calldata) {
    return Selectors.matches(calldata, SELECTOR);
  }

  /**
   * Decodes {@code handleOps} calldata.
   *
   * @throws AbiDecodingException when the selector differs or the data is malformed, including
   *     packed fields the EntryPoint itself would refuse (an initCode shorter than an address, a
   *     paymasterAndData shorter than its fixed part)
   */
  public static HandleOpsCall decode(Bytes calldata) {
    if (!isHandleOps(calldata)) {
      throw new AbiDecodingException("not handleOps calldata");
    }
    AbiReader arguments = AbiReader.of(calldata.slice(SELECTOR_LENGTH, calldata.length()));
    int count = arguments.arrayLength(0);
    AbiReader elements = arguments.arrayElements(0);
    List<PackedUserOperation> operations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      operations.add(operation(elements.tupleAt(i * 32)));
    }
    return new HandleOpsCall(operations, arguments.address(32));
  }

  /** The operation as the ABI tuple {@code PackedUserOperation}; shared by every codec taking one. */
  static DynamicStruct tuple(PackedUserOperation op) {
    return new DynamicStruct(
        new org.web3j.abi.datatypes.Address(op.sender().toHex()),
        new Uint256(op.nonce()),
        new DynamicBytes(op.initCode().toArray()),
        new DynamicBytes(op.callData().toArray()),
        new Bytes32(op.accountGasLimits()),
        new Uint256(op.preVerificationGas()),
        new Bytes32(op.gasFees()),
        new DynamicBytes(op.paymasterAndData().toArray()),
        new DynamicBytes(op.signature().toArray()));
  }

  private static PackedUserOperation operation(AbiReader tuple) {
    Bytes initCode = tuple.dynamicBytes(64);
    byte[] accountGasLimits = tuple.word(128).toArray();
    byte[] gasFees = tuple.word(192).toArray();
    Bytes paymasterAndData = tuple.dynamicBytes(224);

    Address factory = null;
    Bytes factoryData = Bytes.EMPTY;
    if (!initCode.isEmpty()) {
      if (initCode.length() < Address.LENGTH) {
        throw new AbiDecodingException("initCode of " + initCode.length() + " bytes");
      }
      factory = Address.of(initCode.slice(0, Address.LENGTH).toArray());
      factoryData = initCode.slice(Address.LENGTH, initCode.length());
    }

    Address paymaster = null;
    BigInteger paymasterVerificationGasLimit = BigInteger.ZERO;
    BigInteger paymasterPostOpGasLimit = BigInteger.ZERO;
    Bytes paymasterData = Bytes.EMPTY;
    if (!paymasterAndData.isEmpty()) {
      if (paymasterAndData.length() < PAYMASTER_DATA_OFFSET) {
        throw new AbiDecodingException(
            "paymasterAndData of " + paymasterAndData.length() + " bytes");
      }
      byte[] packed = paymasterAndData.toArray();
      paymaster = Address.of(Arrays.copyOfRange(packed, 0, Address.LENGTH));
      paymasterVerificationGasLimit = uint128(packed, 20);
      paymasterPostOpGasLimit = uint128(packed, 36);
      paymasterData = paymasterAndData.slice(PAYMASTER_DATA_OFFSET, paymasterAndData.length());
    }

    return new PackedUserOperation(
        tuple.address(0),
        tuple.uint(32),
        factory,
        factoryData,
        tuple.dynamicBytes(96),
        uint128(accountGasLimits, 16),
        uint128(accountGasLimits, 0),
        tuple.uint(160),
        uint128(gasFees, 16),
        uint128(gasFees, 0),
        paymaster,
        paymasterVerificationGasLimit,
        paymasterPostOpGasLimit,
        paymasterData,
        tuple.dynamicBytes(256),
        null);
  }

  private static BigInteger uint128(byte[] data, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + 16));
  }
}
