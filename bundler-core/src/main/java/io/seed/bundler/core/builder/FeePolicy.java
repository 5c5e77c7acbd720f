package io.seed.bundler.core.builder;

import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.EthApi;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Fees of bundle transactions: the configured tip (or the node's suggestion above it) over twice
 * the head's base fee, so the transaction survives a few base-fee rises; a replacement raises both
 * fees by the configured percentage and at least to what the current head asks.
 */
final class FeePolicy {
  private static final BigInteger HUNDRED = BigInteger.valueOf(100);

  private final EthApi eth;
  private final BuilderConfig config;

  FeePolicy(EthApi eth, BuilderConfig config) {
    this.eth = Objects.requireNonNull(eth, "eth");
    this.config = Objects.requireNonNull(config, "config");
  }

  Fees initial(BlockHeader head) {
    BigInteger tip = tip();
    return new Fees(tip, twiceBaseFee(head).add(tip));
  }

  Fees bump(Fees previous, BlockHeader head) {
    BigInteger tip = raise(previous.maxPriorityFeePerGas()).max(tip());
    BigInteger maxFee = raise(previous.maxFeePerGas()).max(twiceBaseFee(head).add(tip));
    return new Fees(tip, maxFee);
  }

  private BigInteger tip() {
    BigInteger floor = config.priorityFeePerGas();
    return config.priorityFeeFromNode() ? eth.maxPriorityFeePerGas().join().max(floor) : floor;
  }

  private BigInteger raise(BigInteger fee) {
    // rounded up, so a small fee still rises by the node's minimum
    BigInteger scaled = fee.multiply(BigInteger.valueOf(100L + config.feeBumpPercent()));
    BigInteger[] quotient = scaled.divideAndRemainder(HUNDRED);
    return quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
  }

  private static BigInteger twiceBaseFee(BlockHeader head) {
    return head.baseFeePerGas() == null ? BigInteger.ZERO : head.baseFeePerGas().shiftLeft(1);
  }
}
