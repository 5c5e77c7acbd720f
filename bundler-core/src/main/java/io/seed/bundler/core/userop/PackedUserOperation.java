package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A UserOperation as EntryPoint v0.7 and v0.8 take it, held with its fields unpacked (the
 * ERC-7769 JSON form). {@link #initCode()}, {@link #accountGasLimits()}, {@link #gasFees()} and
 * {@link #paymasterAndData()} give the packed on-chain encoding.
 *
 * <p>{@code factory} and {@code paymaster} are {@code null} when absent; their companion fields
 * are then empty or zero. {@code eip7702Auth} is {@code null} unless the operation carries an
 * EIP-7702 authorization (v0.8 only).
 */
public record PackedUserOperation(
    Address sender,
    BigInteger nonce,
    Address factory,
    Bytes factoryData,
    Bytes callData,
    BigInteger callGasLimit,
    BigInteger verificationGasLimit,
    BigInteger preVerificationGas,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    Address paymaster,
    BigInteger paymasterVerificationGasLimit,
    BigInteger paymasterPostOpGasLimit,
    Bytes paymasterData,
    Bytes signature,
    Eip7702Authorization eip7702Auth) {

  private static final BigInteger UINT128_LIMIT = BigInteger.ONE.shiftLeft(128);
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  public PackedUserOperation {
    Objects.requireNonNull(sender, "sender");
    requireUint(nonce, UINT256_LIMIT, "nonce");
    Objects.requireNonNull(factoryData, "factoryData");
    Objects.requireNonNull(callData, "callData");
    requireUint(callGasLimit, UINT128_LIMIT, "callGasLimit");
    requireUint(verificationGasLimit, UINT128_LIMIT, "verificationGasLimit");
    requireUint(preVerificationGas, UINT256_LIMIT, "preVerificationGas");
    requireUint(maxFeePerGas, UINT128_LIMIT, "maxFeePerGas");
    requireUint(maxPriorityFeePerGas, UINT128_LIMIT, "maxPriorityFeePerGas");
    requireUint(paymasterVerificationGasLimit, UINT128_LIMIT, "paymasterVerificationGasLimit");
    requireUint(paymasterPostOpGasLimit, UINT128_LIMIT, "paymasterPostOpGasLimit");
    Objects.requireNonNull(paymasterData, "paymasterData");
    Objects.requireNonNull(signature, "signature");
    if (factory == null && !factoryData.isEmpty()) {
      throw new IllegalArgumentException("factoryData without factory");
    }
    if (paymaster == null
        && (!paymasterData.isEmpty()
            || paymasterVerificationGasLimit.signum() != 0
            || paymasterPostOpGasLimit.signum() != 0)) {
      throw new IllegalArgumentException("paymaster fields without paymaster");
    }
  }

  private static void requireUint(BigInteger value, BigInteger limit, String field) {
    Objects.requireNonNull(value, field);
    if (value.signum() < 0 || value.compareTo(limit) >= 0) {
      throw new IllegalArgumentException(field + " out of range");
    }
  }

  /** {@code factory ‖ factoryData}, or empty when there is no factory. */
  public Bytes initCode() {
    return factory == null ? Bytes.EMPTY : Bytes.concat(factory.toBytes(), factoryData);
  }

  /** {@code verificationGasLimit << 128 | callGasLimit} as 32 bytes. */
  public byte[] accountGasLimits() {
    return packHighLow(verificationGasLimit, callGasLimit);
  }

  /** {@code maxPriorityFeePerGas << 128 | maxFeePerGas} as 32 bytes. */
  public byte[] gasFees() {
    return packHighLow(maxPriorityFeePerGas, maxFeePerGas);
  }

  /**
   * {@code paymaster ‖ uint128 verificationGasLimit ‖ uint128 postOpGasLimit ‖ paymasterData},
   * or empty when there is no paymaster.
   */
  public Bytes paymasterAndData() {
    if (paymaster == null) {
      return Bytes.EMPTY;
    }
    byte[] out = new byte[20 + 16 + 16 + paymasterData.length()];
    paymaster.copyTo(out, 0);
    putUint128(out, 20, paymasterVerificationGasLimit);
    putUint128(out, 36, paymasterPostOpGasLimit);
    paymasterData.copyTo(out, 52);
    return Bytes.wrap(out);
  }

  /** The same operation with another signature (estimation and re-signing). */
  public PackedUserOperation withSignature(Bytes newSignature) {
    return new PackedUserOperation(
        sender, nonce, factory, factoryData, callData, callGasLimit, verificationGasLimit,
        preVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymaster,
        paymasterVerificationGasLimit, paymasterPostOpGasLimit, paymasterData, newSignature,
        eip7702Auth);
  }

  /** The same operation with other gas limits (estimation). */
  public PackedUserOperation withGas(
      BigInteger newPreVerificationGas,
      BigInteger newVerificationGasLimit,
      BigInteger newCallGasLimit,
      BigInteger newPaymasterVerificationGasLimit,
      BigInteger newPaymasterPostOpGasLimit) {
    return new PackedUserOperation(
        sender, nonce, factory, factoryData, callData, newCallGasLimit, newVerificationGasLimit,
        newPreVerificationGas, maxFeePerGas, maxPriorityFeePerGas, paymaster,
        paymaster == null ? BigInteger.ZERO : newPaymasterVerificationGasLimit,
        paymaster == null ? BigInteger.ZERO : newPaymasterPostOpGasLimit,
        paymasterData, signature, eip7702Auth);
  }

  /** The same operation with other fees (estimation, replacement). */
  public PackedUserOperation withFees(BigInteger newMaxFeePerGas, BigInteger newMaxPriorityFeePerGas) {
    return new PackedUserOperation(
        sender, nonce, factory, factoryData, callData, callGasLimit, verificationGasLimit,
        preVerificationGas, newMaxFeePerGas, newMaxPriorityFeePerGas, paymaster,
        paymasterVerificationGasLimit, paymasterPostOpGasLimit, paymasterData, signature,
        eip7702Auth);
  }

  /** The 192-bit nonce key (the high bits of the nonce) that selects a parallel sequence. */
  public BigInteger nonceKey() {
    return nonce.shiftRight(64);
  }

  /** The 64-bit sequence number inside the nonce key. */
  public long nonceSequence() {
    return nonce.longValue();
  }

  private static byte[] packHighLow(BigInteger high, BigInteger low) {
    byte[] out = new byte[32];
    putUint128(out, 0, high);
    putUint128(out, 16, low);
    return out;
  }

  private static void putUint128(byte[] out, int offset, BigInteger value) {
    byte[] raw = value.toByteArray();
    int copy = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - copy, out, offset + 16 - copy, copy);
  }
}
