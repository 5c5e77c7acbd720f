package io.seed.bundler.core.sessionkey.permission;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;

/** Builds call data and ERC-7579 executions for tests. */
public final class CallData {
  private CallData() {}

  /** {@code selector ‖ words}. */
  public static Bytes call(int selector, BigInteger... words) {
    byte[] out = new byte[4 + 32 * words.length];
    out[0] = (byte) (selector >>> 24);
    out[1] = (byte) (selector >>> 16);
    out[2] = (byte) (selector >>> 8);
    out[3] = (byte) selector;
    for (int i = 0; i < words.length; i++) {
      Bytes32.fromUint(words[i]).copyTo(out, 4 + 32 * i);
    }
    return Bytes.wrap(out);
  }

  /** An address as an ABI word. */
  public static BigInteger word(Address address) {
    return new BigInteger(1, address.toArray());
  }

  /** {@code execute(mode, executionCalldata)} with the given mode call type and exec type. */
  public static Bytes execute(int callType, int execType, Bytes execution) {
    int padded = (execution.length() + 31) / 32 * 32;
    byte[] out = new byte[4 + 32 * 3 + padded];
    out[0] = (byte) 0xe9;
    out[1] = (byte) 0xae;
    out[2] = (byte) 0x5c;
    out[3] = (byte) 0x53;
    out[4] = (byte) callType;
    out[5] = (byte) execType;
    out[4 + 63] = 0x40;
    Bytes32.fromUint(BigInteger.valueOf(execution.length())).copyTo(out, 4 + 64);
    execution.copyTo(out, 4 + 96);
    return Bytes.wrap(out);
  }

  /** A single-call execution {@code target ‖ value ‖ data}. */
  public static Bytes single(Address target, BigInteger value, Bytes data) {
    return execute(0x00, 0x00, Bytes.concat(target.toBytes(),
        Bytes.wrap(Bytes32.fromUint(value).toArray()), data));
  }

  /** A delegatecall execution {@code target ‖ data}. */
  public static Bytes delegate(Address target, Bytes data) {
    return execute(0xff, 0x00, Bytes.concat(target.toBytes(), data));
  }

  /** A batch execution of {@code calls}. */
  public static Bytes batch(Call... calls) {
    int size = 64 + 32 * calls.length;
    for (Call call : calls) {
      size += 96 + 32 + (call.data().length() + 31) / 32 * 32;
    }
    byte[] out = new byte[size];
    Bytes32.fromUint(BigInteger.valueOf(32)).copyTo(out, 0);
    Bytes32.fromUint(BigInteger.valueOf(calls.length)).copyTo(out, 32);
    int tail = 32 * calls.length;
    for (int i = 0; i < calls.length; i++) {
      Call call = calls[i];
      Bytes32.fromUint(BigInteger.valueOf(tail)).copyTo(out, 64 + 32 * i);
      int at = 64 + tail;
      call.target().copyTo(out, at + 12);
      Bytes32.fromUint(call.value()).copyTo(out, at + 32);
      Bytes32.fromUint(BigInteger.valueOf(96)).copyTo(out, at + 64);
      Bytes32.fromUint(BigInteger.valueOf(call.data().length())).copyTo(out, at + 96);
      call.data().copyTo(out, at + 128);
      tail += 128 + (call.data().length() + 31) / 32 * 32;
    }
    return execute(0x01, 0x00, Bytes.wrap(out));
  }
}
