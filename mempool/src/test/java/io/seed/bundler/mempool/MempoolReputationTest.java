package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.reputation.ManualClock;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.mempool.reputation.ReputationEntry;
import io.seed.bundler.mempool.reputation.ReputationStatus;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's ERC-7562 reputation and stake rules, on the stakes validation reports. */
class MempoolReputationTest {
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final StakeInfo STAKED = new StakeInfo(ETHER, BigInteger.valueOf(86_400));
  private static final Address FACTORY = address(100);
  private static final Address PAYMASTER = address(200);

  private final Reputation reputation =
      Reputation.inMemory(
          ReputationConfig.defaults(), new ManualClock(Instant.parse("2025-03-01T10:10:00Z")));
  private final Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), reputation);

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void grep010_rejectsAnOperationOfABannedPaymaster() {
    ban(PAYMASTER);

    assertRejected(
        TestOps.from(1).paymaster(PAYMASTER).build(),
        RejectionReason.REPUTATION,
        "paymaster " + PAYMASTER + " is banned");
    assertThat(pool.size()).isZero();
  }

  @Test
  void grep010_rejectsAnOperationOfABannedStakedFactoryOrSender() {
    ban(FACTORY);
    ban(address(2));

    assertRejected(
        TestOps.from(1).factory(FACTORY)
            .stakes(new EntityStakes(StakeInfo.NONE, STAKED, StakeInfo.NONE)).build(),
        RejectionReason.REPUTATION,
        "factory " + FACTORY + " is banned");
    assertRejected(
        TestOps.from(2).stakes(new EntityStakes(STAKED, StakeInfo.NONE, StakeInfo.NONE)).build(),
        RejectionReason.REPUTATION,
        "sender " + address(2) + " is banned");
  }

  @Test
  void shouldHoldNeitherAnUnstakedFactoryNorAnUnstakedSenderToReputation() throws Exception {
    ban(FACTORY);
    ban(address(1));

    pool.add(TestOps.from(1).build());
    for (int sender = 2; sender <= 20; sender++) {
      pool.add(TestOps.from(sender).factory(FACTORY).build());
    }

    assertThat(pool.entityCount(V07, EntityRole.FACTORY, FACTORY)).isEqualTo(19);
  }

  @Test
  void grep020_holdsAThrottledEntityToFourPendingOperations() throws Exception {
    fillWithThrottledPaymaster();

    assertRejected(
        withStakedPaymaster(TestOps.from(5)).build(),
        RejectionReason.REPUTATION,
        "paymaster " + PAYMASTER + " is throttled",
        "already has 4 userOps");
    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, PAYMASTER)).isEqualTo(4);
  }

  @Test
  void grep020_letsAThrottledEntityReplaceAnOperationAtItsLimit() throws Exception {
    fillWithThrottledPaymaster();

    PoolEntry replacement = withStakedPaymaster(TestOps.from(4)).fees(55, 11).build();

    assertThat(pool.add(replacement)).isPresent();
    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, PAYMASTER)).isEqualTo(4);
  }

  @Test
  void urep020_holdsAnUnstakedPaymasterToTenPendingOperations() throws Exception {
    for (int sender = 1; sender <= 10; sender++) {
      pool.add(TestOps.from(sender).paymaster(PAYMASTER).build());
    }

    assertRejected(
        TestOps.from(11).paymaster(PAYMASTER).build(),
        RejectionReason.INSUFFICIENT_STAKE,
        "paymaster " + PAYMASTER + " is unstaked",
        "already has 10 userOps");
  }

  @Test
  void urep020_raisesAnUnstakedPaymastersAllowanceWithItsInclusions() throws Exception {
    reputation.set(V07, List.of(new ReputationEntry(PAYMASTER, 20, 20, ReputationStatus.OK)));
    for (int sender = 1; sender <= 20; sender++) {
      pool.add(TestOps.from(sender).paymaster(PAYMASTER).build());
    }

    // The allowance is 10 + 20 * 20 / opsSeen; with 20 pending, opsSeen is 40 and it is 20.
    assertRejected(
        TestOps.from(21).paymaster(PAYMASTER).build(),
        RejectionReason.INSUFFICIENT_STAKE,
        "paymaster " + PAYMASTER + " is unstaked",
        "already has 20 userOps");
  }

  @Test
  void urep020_namesTheStakeThatFallsShort() throws Exception {
    StakeInfo lowStake = new StakeInfo(BigInteger.TEN, BigInteger.valueOf(86_400));
    for (int sender = 1; sender <= 10; sender++) {
      pool.add(paymasterStake(TestOps.from(sender), lowStake).build());
    }

    assertRejected(
        paymasterStake(TestOps.from(11), lowStake).build(),
        RejectionReason.INSUFFICIENT_STAKE,
        "paymaster " + PAYMASTER + " stake 10 is too low (min " + ETHER + ")");
  }

  @Test
  void srep040_letsAStakedPaymasterHaveAnyNumberOfOperations() throws Exception {
    for (int sender = 1; sender <= 25; sender++) {
      pool.add(withStakedPaymaster(TestOps.from(sender)).build());
    }

    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, PAYMASTER)).isEqualTo(25);
  }

  @Test
  void urep011_freesAStakedSenderFromThePerSenderLimit() throws Exception {
    for (int nonce = 0; nonce < 6; nonce++) {
      pool.add(
          TestOps.from(1).nonce(nonce)
              .stakes(new EntityStakes(STAKED, StakeInfo.NONE, StakeInfo.NONE))
              .build());
    }

    assertThat(pool.entityCount(V07, EntityRole.SENDER, address(1))).isEqualTo(6);
  }

  @Test
  void shouldCountEachAdmissionAsSeenBeforeAnsweringAndNoRejection() throws Exception {
    PoolEntry first = TestOps.from(1).factory(FACTORY).paymaster(PAYMASTER).build();
    pool.add(first);
    pool.add(TestOps.from(2).paymaster(PAYMASTER).build());

    assertThatThrownBy(() -> pool.add(first)).hasMessageContaining("already in mempool");

    assertThat(reputation.dump(V07)).containsExactly(
        new ReputationEntry(FACTORY, 1, 0, ReputationStatus.OK),
        new ReputationEntry(PAYMASTER, 2, 0, ReputationStatus.OK));
  }

  private void ban(Address entity) {
    reputation.set(V07, List.of(new ReputationEntry(entity, 10_000, 0, ReputationStatus.BANNED)));
  }

  /** Throttles the (staked) paymaster and gives it the four pending operations it may have. */
  private void fillWithThrottledPaymaster() throws UserOperationRejectedException {
    reputation.set(
        V07, List.of(new ReputationEntry(PAYMASTER, 200, 0, ReputationStatus.THROTTLED)));
    for (int sender = 1; sender <= 4; sender++) {
      pool.add(withStakedPaymaster(TestOps.from(sender)).build());
    }
  }

  private static TestOps withStakedPaymaster(TestOps ops) {
    return paymasterStake(ops, STAKED);
  }

  private static TestOps paymasterStake(TestOps ops, StakeInfo stake) {
    return ops.paymaster(PAYMASTER).stakes(new EntityStakes(StakeInfo.NONE, StakeInfo.NONE, stake));
  }

  private void assertRejected(PoolEntry entry, RejectionReason reason, String... fragments) {
    PoolAssertions.assertRejected(pool, entry, reason, fragments);
  }
}
