package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.abi.AbiDecodingException;
import io.seed.bundler.core.abi.AbiReader;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The calls of an ERC-7579 {@code execute(bytes32 mode, bytes executionCalldata)} (selector
 * 0xe9ae5c53): mode byte 0 is the call type (0x00 single {@code target(20) ‖ value(32) ‖ data},
 * 0x01 batch {@code abi.encode((address,uint256,bytes)[])}, 0xff delegatecall {@code target(20) ‖
 * data}), byte 1 the exec type.
 */
public record Erc7579Execution(byte modeCallType, byte execType, List<Call> calls) {
  /** {@code execute(bytes32,bytes)}. */
  public static final int EXECUTE = 0xe9ae5c53;

  /** Mode call type of a single call. */
  public static final byte SINGLE = 0x00;

  /** Mode call type of a batch. */
  public static final byte BATCH = 0x01;

  /** Mode call type of a delegatecall. */
  public static final byte DELEGATE = (byte) 0xff;

  public Erc7579Execution {
    calls = List.copyOf(calls);
  }

  /** True when {@code callData} starts with the {@code execute} selector. */
  public static boolean isExecute(Bytes callData) {
    return callData.length() >= 4
        && ((callData.get(0) & 0xff) << 24
                | (callData.get(1) & 0xff) << 16
                | (callData.get(2) & 0xff) << 8
                | (callData.get(3) & 0xff))
            == EXECUTE;
  }

  /**
   * Decodes {@code callData}, which must be an {@code execute} call.
   *
   * @throws SessionKeyDecodingException (reverts) when the selector, the ABI encoding or the call
   *     type is not one this decoder accepts
   */
  public static Erc7579Execution decode(Bytes callData) {
    if (!isExecute(callData)) {
      throw SessionKeyDecodingException.reverts("call data is not execute(bytes32,bytes)");
    }
    byte[] raw = callData.toArray();
    try {
      AbiReader arguments = AbiReader.of(raw).inlineTupleAt(4);
      byte[] mode = arguments.word(0).toArray();
      byte[] execution = arguments.dynamicBytes(32).toArray();
      return new Erc7579Execution(mode[0], mode[1], calls(mode[0], execution));
    } catch (AbiDecodingException malformed) {
      throw SessionKeyDecodingException.reverts("execute call data: " + malformed.getMessage());
    }
  }

  private static List<Call> calls(byte callType, byte[] execution) {
    return switch (callType) {
      case SINGLE -> List.of(single(execution));
      case BATCH -> batch(execution);
      case DELEGATE -> List.of(delegate(execution));
      default ->
          throw SessionKeyDecodingException.reverts(
              String.format("unsupported ERC-7579 call type 0x%02x", callType & 0xff));
    };
  }

  private static Call single(byte[] execution) {
    if (execution.length < 52) {
      throw SessionKeyDecodingException.reverts("single execution shorter than 52 bytes");
    }
    return new Call(
        CallType.CALL,
        Address.of(Arrays.copyOfRange(execution, 0, 20)),
        new BigInteger(1, Arrays.copyOfRange(execution, 20, 52)),
        Bytes.wrap(Arrays.copyOfRange(execution, 52, execution.length)));
  }

  private static Call delegate(byte[] execution) {
    if (execution.length < 20) {
      throw SessionKeyDecodingException.reverts("delegatecall execution shorter than 20 bytes");
    }
    return new Call(
        CallType.DELEGATECALL,
        Address.of(Arrays.copyOfRange(execution, 0, 20)),
        BigInteger.ZERO,
        Bytes.wrap(Arrays.copyOfRange(execution, 20, execution.length)));
  }

  private static List<Call> batch(byte[] execution) {
    AbiReader reader = AbiReader.of(execution);
    int count = reader.arrayLength(0);
    AbiReader elements = reader.arrayElements(0);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AbiReader element = elements.tupleAt(i * 32);
      calls.add(
          new Call(
              CallType.CALL, element.address(0), element.uint(32), element.dynamicBytes(64)));
    }
    return calls;
  }
}
