package io.seed.bundler.core.userop;

import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * Random operations that reach the edges of every field: empty and long byte strings, zero and
 * maximal integers, large nonce keys, present and absent factory and paymaster.
 */
final class RandomUserOperations {
  private static final BigInteger UINT128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
  private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final SplittableRandom random;

  RandomUserOperations(long seed) {
    random = new SplittableRandom(seed);
  }

  UserOperation v06() {
    return new UserOperation(
        address(), nonce(), bytes(300), bytes(2000), uint(UINT256_MAX), uint(UINT256_MAX),
        uint(UINT256_MAX), uint(UINT256_MAX), uint(UINT256_MAX), bytes(300), bytes(200));
  }

  PackedUserOperation packed() {
    Address factory = random.nextBoolean() ? address() : null;
    Address paymaster = random.nextBoolean() ? address() : null;
    return new PackedUserOperation(
        address(), nonce(), factory, factory == null ? Bytes.EMPTY : bytes(300), bytes(2000),
        uint(UINT128_MAX), uint(UINT128_MAX), uint(UINT256_MAX), uint(UINT128_MAX),
        uint(UINT128_MAX), paymaster,
        paymaster == null ? BigInteger.ZERO : uint(UINT128_MAX),
        paymaster == null ? BigInteger.ZERO : uint(UINT128_MAX),
        paymaster == null ? Bytes.EMPTY : bytes(300), bytes(200), null);
  }

  /**
   * A v0.8 EIP-7702 operation: the marker as factory, init data or none, and an authorization
   * naming the delegate when {@code withAuthorization}.
   */
  PackedUserOperation eip7702(Address delegate, boolean withAuthorization) {
    PackedUserOperation op = packed();
    Eip7702Authorization authorization = withAuthorization
        ? new Eip7702Authorization(BigInteger.valueOf(31337), delegate, uint(UINT128_MAX),
            random.nextInt(2), uint(UINT256_MAX), uint(UINT256_MAX))
        : null;
    return new PackedUserOperation(
        op.sender(), op.nonce(), PackedUserOperationHashV08.EIP7702_MARKER,
        random.nextBoolean() ? Bytes.EMPTY : bytes(300), op.callData(), op.callGasLimit(),
        op.verificationGasLimit(), op.preVerificationGas(), op.maxFeePerGas(),
        op.maxPriorityFeePerGas(), op.paymaster(), op.paymasterVerificationGasLimit(),
        op.paymasterPostOpGasLimit(), op.paymasterData(), op.signature(), authorization);
  }

  Address address() {
    byte[] raw = new byte[Address.LENGTH];
    random.nextBytes(raw);
    return Address.of(raw);
  }

  /** Sequential, keyed (192-bit key ‖ 64-bit sequence) or extreme nonces. */
  private BigInteger nonce() {
    return switch (random.nextInt(4)) {
      case 0 -> BigInteger.valueOf(random.nextInt(1000));
      case 1 -> bits(192).shiftLeft(64).or(BigInteger.valueOf(random.nextLong(Long.MAX_VALUE)));
      case 2 -> UINT256_MAX;
      default -> uint(UINT256_MAX);
    };
  }

  /** Zero, small, the maximum, one below it, or random bits up to the maximum's width. */
  private BigInteger uint(BigInteger max) {
    return switch (random.nextInt(6)) {
      case 0 -> BigInteger.ZERO;
      case 1 -> BigInteger.valueOf(random.nextLong(1_000_000_000L));
      case 2 -> max;
      case 3 -> max.subtract(BigInteger.valueOf(random.nextInt(1, 1000)));
      default -> bits(random.nextInt(1, max.bitLength() + 1));
    };
  }

  /** A random value below 2^{@code count}. */
  private BigInteger bits(int count) {
    byte[] raw = new byte[(count + 7) / 8];
    random.nextBytes(raw);
    return new BigInteger(1, raw).shiftRight(raw.length * 8 - count);
  }

  /** Empty, one byte, or a random length up to {@code maxLength}. */
  private Bytes bytes(int maxLength) {
    int length = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> 1;
      default -> random.nextInt(maxLength + 1);
    };
    byte[] raw = new byte[length];
    random.nextBytes(raw);
    return Bytes.wrap(raw);
  }
}
