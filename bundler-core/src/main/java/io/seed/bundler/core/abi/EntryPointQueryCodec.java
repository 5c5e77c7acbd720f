package io.seed.bundler.core.abi;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint192;

/**
 * The EntryPoint's read calls the bundler makes: {@code getNonce}, {@code balanceOf}, {@code
 * getDepositInfo} and {@code getSenderAddress} (which answers by reverting with {@code
 * SenderAddressResult}).
 */
public final class EntryPointQueryCodec {
  /** Signature of {@code getNonce}. */
  public static final String GET_NONCE = "getNonce(address,uint192)";

  /** Signature of {@code balanceOf}. */
  public static final String BALANCE_OF = "balanceOf(address)";

  /** Signature of {@code getDepositInfo}. */
  public static final String GET_DEPOSIT_INFO = "getDepositInfo(address)";

  /** Signature of {@code getSenderAddress}. */
  public static final String GET_SENDER_ADDRESS = "getSenderAddress(bytes)";

  private static final Bytes GET_NONCE_SELECTOR = Selectors.of(GET_NONCE);
  private static final Bytes BALANCE_OF_SELECTOR = Selectors.of(BALANCE_OF);
  private static final Bytes GET_DEPOSIT_INFO_SELECTOR = Selectors.of(GET_DEPOSIT_INFO);
  private static final Bytes GET_SENDER_ADDRESS_SELECTOR = Selectors.of(GET_SENDER_ADDRESS);

  private EntryPointQueryCodec() {}

  /** Calldata of {@code getNonce(sender, key)}. */
  public static Bytes encodeGetNonce(Address sender, BigInteger key) {
    return EntryPointSimulationsCodec.call(
        GET_NONCE_SELECTOR, List.<Type>of(address(sender), new Uint192(key)));
  }

  /** Calldata of {@code balanceOf(account)}. */
  public static Bytes encodeBalanceOf(Address account) {
    return EntryPointSimulationsCodec.call(BALANCE_OF_SELECTOR, List.<Type>of(address(account)));
  }

  /** Calldata of {@code getDepositInfo(account)}. */
  public static Bytes encodeGetDepositInfo(Address account) {
    return EntryPointSimulationsCodec.call(
        GET_DEPOSIT_INFO_SELECTOR, List.<Type>of(address(account)));
  }

  /** Calldata of {@code getSenderAddress(initCode)}. */
  public static Bytes encodeGetSenderAddress(Bytes initCode) {
    return EntryPointSimulationsCodec.call(
        GET_SENDER_ADDRESS_SELECTOR, List.<Type>of(new DynamicBytes(initCode.toArray())));
  }

  /** Decodes a single {@code uint256} return value ({@code getNonce}, {@code balanceOf}). */
  public static BigInteger decodeUint(Bytes returnData) {
    return AbiReader.of(returnData).uint(0);
  }

  /** Decodes the return data of {@code getDepositInfo}. */
  public static DepositInfo decodeDepositInfo(Bytes returnData) {
    AbiReader info = AbiReader.of(returnData);
    return new DepositInfo(
        info.uint(0), info.bool(32), info.uint(64), info.uintAsLong(96), info.uintAsLong(128));
  }

  private static org.web3j.abi.datatypes.Address address(Address address) {
    return new org.web3j.abi.datatypes.Address(address.toHex());
  }
}
