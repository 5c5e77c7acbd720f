package io.seed.bundler.core.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes32;
import java.math.BigInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeePolicyTest {
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
  private static final BuilderConfig FIXED_TIP =
      BuilderConfig.defaults(Address.ZERO); // 1 gwei tip, +15% bumps

  private final AtomicLong nodeCalls = new AtomicLong();

  @Test
  void shouldOfferTheTipOverTwiceTheBaseFee() {
    Fees fees = new FeePolicy(node("0x1"), FIXED_TIP).initial(head(gwei(10)));

    assertThat(fees).isEqualTo(new Fees(GWEI, gwei(21)));
    assertThat(nodeCalls).hasValue(0);
  }

  @Test
  void shouldRaiseBothFeesByTheBumpRoundedUp() {
    FeePolicy policy = new FeePolicy(node("0x1"), withTip(BigInteger.ZERO, false));

    Fees bumped = policy.bump(new Fees(BigInteger.valueOf(7), gwei(21)), head(BigInteger.ONE));

    // 7 * 1.15 = 8.05: rounding down would give 8, which a node may refuse as less than +10%
    assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(9));
    assertThat(bumped.maxFeePerGas()).isEqualTo(new BigInteger("24150000000"));
  }

  @Test
  void shouldNeverRaiseByLessThanTheNodesReplacementMinimum() {
    FeePolicy policy = new FeePolicy(node("0x1"), FIXED_TIP);
    Fees previous = new Fees(gwei(3), gwei(5));

    Fees bumped = policy.bump(previous, head(BigInteger.ONE));

    assertThat(bumped.maxPriorityFeePerGas())
        .isGreaterThanOrEqualTo(tenPercentMore(previous.maxPriorityFeePerGas()));
    assertThat(bumped.maxFeePerGas())
        .isGreaterThanOrEqualTo(tenPercentMore(previous.maxFeePerGas()));
  }

  @Test
  void shouldFollowABaseFeeThatRoseAboveTheBump() {
    FeePolicy policy = new FeePolicy(node("0x1"), FIXED_TIP);

    Fees bumped = policy.bump(new Fees(GWEI, gwei(3)), head(gwei(50)));

    assertThat(bumped.maxFeePerGas()).isEqualTo(gwei(100).add(bumped.maxPriorityFeePerGas()));
  }

  @Test
  void shouldTakeTheNodesTipWhenItIsAboveTheFloor() {
    Fees fees = new FeePolicy(node("0x77359400"), withTip(GWEI, true)).initial(head(gwei(1)));

    assertThat(fees.maxPriorityFeePerGas()).isEqualTo(gwei(2));
    assertThat(nodeCalls).hasValue(1);
  }

  private static BuilderConfig withTip(BigInteger tip, boolean fromNode) {
    return new BuilderConfig(
        Address.ZERO, FIXED_TIP.maxBundleGas(), FIXED_TIP.maxBundleOperations(),
        FIXED_TIP.bundleGasOverhead(), FIXED_TIP.pollInterval(), tip, fromNode,
        FIXED_TIP.replacementBlocks(), FIXED_TIP.feeBumpPercent(),
        FIXED_TIP.expiryMarginSeconds(), FIXED_TIP.bundleTimeout(), FIXED_TIP.mode());
  }

  private EthApi node(String suggestedTip) {
    return new EthApi(
        new NodeClient() {
          @Override
          public CompletableFuture<com.fasterxml.jackson.databind.JsonNode> request(
              String method, Object... params) {
            nodeCalls.incrementAndGet();
            return CompletableFuture.completedFuture(TextNode.valueOf(suggestedTip));
          }

          @Override
          public long requestCount() {
            return nodeCalls.get();
          }

          @Override
          public void close() {}
        });
  }

  private static BlockHeader head(BigInteger baseFee) {
    return new BlockHeader(1, Bytes32.ZERO, Bytes32.ZERO, 0, baseFee, 30_000_000);
  }

  private static BigInteger tenPercentMore(BigInteger fee) {
    return fee.multiply(BigInteger.valueOf(110)).divide(BigInteger.valueOf(100));
  }

  private static BigInteger gwei(long n) {
    return GWEI.multiply(BigInteger.valueOf(n));
  }
}
