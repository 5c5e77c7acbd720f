package io.seed.bundler.mempool.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.abi.StakeInfo;
import io.seed.bundler.core.abi.UserOperationEvent;
import io.seed.bundler.core.chain.IncludedOperation;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.CodeHashes;
import io.seed.bundler.core.pool.EntityStakes;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReputationTest {
  private static final EntryPoint V07 = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final EntryPoint V08 = EntryPoint.canonical(EntryPointVersion.V0_8);
  private static final Address SENDER = address(1);
  private static final Address FACTORY = address(2);
  private static final Address PAYMASTER = address(3);
  private static final StakeInfo ONE_ETHER_FOR_A_DAY =
      new StakeInfo(BigInteger.TEN.pow(18), BigInteger.valueOf(86_400));
  private static final EntityStakes STAKED_SENDER =
      new EntityStakes(ONE_ETHER_FOR_A_DAY, StakeInfo.NONE, StakeInfo.NONE);

  /** Ten minutes into an hour, so a test can move within the hour and across it. */
  private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:10:00Z"));
  private final Reputation reputation = Reputation.inMemory(ReputationConfig.defaults(), clock);

  @Test
  void shouldStartEveryEntityOk() {
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);
    assertThat(reputation.dump(V07)).isEmpty();
  }

  @Test
  void shouldCountSeenForFactoryAndPaymasterButNotForAnUnstakedSender() {
    reputation.seen(List.of(entry(1, FACTORY, PAYMASTER, EntityStakes.NONE)));
    reputation.seen(List.of(entry(2, null, PAYMASTER, EntityStakes.NONE)));

    assertThat(reputation.dump(V07)).containsExactly(
        new ReputationEntry(FACTORY, 1, 0, ReputationStatus.OK),
        new ReputationEntry(PAYMASTER, 2, 0, ReputationStatus.OK));
  }

  @Test
  void shouldCountAStakedSenderAsAnEntity() {
    reputation.seen(List.of(entry(1, null, null, STAKED_SENDER)));

    assertThat(reputation.dump(V07))
        .containsExactly(new ReputationEntry(SENDER, 1, 0, ReputationStatus.OK));
  }

  @Test
  void shouldCountInclusionsOnlyOfOperationsThePoolHeld() {
    PoolEntry held = entry(1, null, PAYMASTER, EntityStakes.NONE);
    reputation.seen(List.of(held));

    reputation.included(List.of(included(held, held), included(held, null)));

    assertThat(reputation.dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 1, 1, ReputationStatus.OK));
  }

  @Test
  void shouldThrottleWhenExpectedInclusionsExceedIncludedByTheThrottlingSlack() {
    set(PAYMASTER, 109, 0);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);

    set(PAYMASTER, 110, 0);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.THROTTLED);

    set(PAYMASTER, 110, 1);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);
  }

  @Test
  void shouldBanWhenExpectedInclusionsExceedIncludedByTheBanSlack() {
    set(PAYMASTER, 509, 0);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.THROTTLED);

    set(PAYMASTER, 510, 0);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.BANNED);

    set(PAYMASTER, 1_000, 50);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.THROTTLED);
  }

  @Test
  void shouldReachTheThrottlingThresholdBySeenOperations() {
    PoolEntry entry = entry(1, null, PAYMASTER, EntityStakes.NONE);
    for (int i = 0; i < 109; i++) {
      reputation.seen(List.of(entry));
    }
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);

    reputation.seen(List.of(entry));

    assertThat(reputation.dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 110, 0, ReputationStatus.THROTTLED));
  }

  @Test
  void shouldDecayBothCountsBy23Over24EachHour() {
    set(PAYMASTER, 2_400, 240);

    clock.advance(Duration.ofMinutes(49));
    assertThat(reputation.dump(V07)).containsExactly(entryOf(PAYMASTER, 2_400, 240));

    clock.advance(Duration.ofMinutes(1));
    assertThat(reputation.dump(V07)).containsExactly(entryOf(PAYMASTER, 2_300, 230));

    clock.advance(Duration.ofHours(2));
    // 2300 -> 2204 -> 2112 and 230 -> 220 -> 210, each rounded down.
    assertThat(reputation.dump(V07)).containsExactly(entryOf(PAYMASTER, 2_112, 210));
  }

  @Test
  void shouldForgetEntitiesWhoseCountsDecayToZero() {
    set(PAYMASTER, 1, 0);
    set(FACTORY, 30, 0);

    clock.advance(Duration.ofHours(1));

    assertThat(reputation.dump(V07)).containsExactly(entryOf(FACTORY, 28, 0));
  }

  @Test
  void shouldLiftABanAsTheCountsDecay() {
    set(PAYMASTER, 600, 0);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.BANNED);

    clock.advance(Duration.ofHours(48));

    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);
  }

  @Test
  void shouldKeepEntryPointsApart() {
    reputation.set(V08, List.of(entryOf(PAYMASTER, 10_000, 0)));

    assertThat(reputation.status(V08, PAYMASTER)).isEqualTo(ReputationStatus.BANNED);
    assertThat(reputation.status(V07, PAYMASTER)).isEqualTo(ReputationStatus.OK);
    assertThat(reputation.dump(V07)).isEmpty();
  }

  @Test
  void shouldDeriveTheStatusOfSetEntriesFromTheirCounts() {
    reputation.set(V07, List.of(new ReputationEntry(PAYMASTER, 10_000, 0, ReputationStatus.OK)));

    assertThat(reputation.dump(V07))
        .containsExactly(new ReputationEntry(PAYMASTER, 10_000, 0, ReputationStatus.BANNED));
  }

  @Test
  void shouldClearEveryEntryPoint() {
    set(PAYMASTER, 10, 1);
    reputation.set(V08, List.of(entryOf(FACTORY, 5, 0)));

    reputation.clear();

    assertThat(reputation.dump(V07)).isEmpty();
    assertThat(reputation.dump(V08)).isEmpty();
  }

  @Test
  void shouldLimitThrottledEntitiesPerBundleAndAdmitNoneOfABannedOne() {
    set(PAYMASTER, 200, 0);
    set(FACTORY, 10_000, 0);
    PoolEntry stakedFactory =
        entry(1, FACTORY, PAYMASTER,
            new EntityStakes(StakeInfo.NONE, ONE_ETHER_FOR_A_DAY, StakeInfo.NONE));

    assertThat(reputation.maxOperationsPerBundle(stakedFactory, PAYMASTER)).isEqualTo(4);
    assertThat(reputation.maxOperationsPerBundle(stakedFactory, FACTORY)).isZero();
    assertThat(reputation.maxOperationsPerBundle(stakedFactory, SENDER))
        .isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldHoldStakedEntitiesAndEveryPaymasterAccountableButNoUnstakedFactoryOrSender() {
    PoolEntry unstaked = entry(1, FACTORY, PAYMASTER, EntityStakes.NONE);
    PoolEntry staked =
        entry(2, FACTORY, PAYMASTER,
            new EntityStakes(ONE_ETHER_FOR_A_DAY, ONE_ETHER_FOR_A_DAY, StakeInfo.NONE));
    set(FACTORY, 10_000, 0);
    set(SENDER, 10_000, 0);

    assertThat(reputation.isAccountable(unstaked, PAYMASTER)).isTrue();
    assertThat(reputation.isAccountable(unstaked, FACTORY)).isFalse();
    assertThat(reputation.isAccountable(unstaked, SENDER)).isFalse();
    assertThat(reputation.isAccountable(staked, FACTORY)).isTrue();
    assertThat(reputation.isAccountable(staked, SENDER)).isTrue();
    assertThat(reputation.maxOperationsPerBundle(unstaked, FACTORY)).isEqualTo(Integer.MAX_VALUE);
    assertThat(reputation.maxOperationsPerBundle(unstaked, SENDER)).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldGrowTheUnstakedAllowanceWithTheInclusionRate() {
    assertThat(reputation.unstakedAllowance(V07, PAYMASTER)).isEqualTo(10);

    set(PAYMASTER, 100, 50);
    assertThat(reputation.unstakedAllowance(V07, PAYMASTER)).isEqualTo(10 + 25);

    set(PAYMASTER, 40_000, 20_000);
    assertThat(reputation.unstakedAllowance(V07, PAYMASTER)).isEqualTo(10 + 5_000);
  }

  @Test
  void shouldCallAnEntityStakedOnlyWithEnoughStakeAndUnstakeDelay() {
    ReputationConfig config = ReputationConfig.defaults();
    BigInteger ether = BigInteger.TEN.pow(18);

    assertThat(config.isStaked(ONE_ETHER_FOR_A_DAY)).isTrue();
    assertThat(config.isStaked(new StakeInfo(ether.subtract(BigInteger.ONE), BigInteger.valueOf(86_400))))
        .isFalse();
    assertThat(config.isStaked(new StakeInfo(ether, BigInteger.valueOf(86_399)))).isFalse();
    assertThat(config.withStakeRequirement(ether, 2).isStaked(new StakeInfo(ether, BigInteger.TWO)))
        .isTrue();
  }

  @Test
  void shouldRefuseNegativeCounts() {
    assertThatThrownBy(() -> entryOf(PAYMASTER, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeepCountingInMemoryWhenTheStoreFails() {
    Reputation onBrokenDisk = Reputation.open(new BrokenStore(), ReputationConfig.defaults(), clock);

    onBrokenDisk.seen(List.of(entry(1, null, PAYMASTER, EntityStakes.NONE)));

    assertThat(onBrokenDisk.dump(V07)).containsExactly(entryOf(PAYMASTER, 1, 0));
    assertThatThrownBy(() -> onBrokenDisk.set(V07, List.of(entryOf(FACTORY, 5, 0))))
        .hasMessageContaining("disk full");
    assertThat(onBrokenDisk.dump(V07)).containsExactly(entryOf(PAYMASTER, 1, 0));
  }

  private void set(Address entity, long opsSeen, long opsIncluded) {
    reputation.set(V07, List.of(entryOf(entity, opsSeen, opsIncluded)));
  }

  /** An entry of OK status: how entries to set look, and how OK entities are dumped. */
  private static ReputationEntry entryOf(Address entity, long opsSeen, long opsIncluded) {
    return new ReputationEntry(entity, opsSeen, opsIncluded, ReputationStatus.OK);
  }

  private static PoolEntry entry(
      long nonce, Address factory, Address paymaster, EntityStakes stakes) {
    PackedUserOperation op =
        new PackedUserOperation(
            SENDER, BigInteger.valueOf(nonce), factory,
            factory == null ? Bytes.EMPTY : Bytes.fromHex("0x1234"), Bytes.EMPTY,
            BigInteger.valueOf(100_000), BigInteger.valueOf(100_000), BigInteger.valueOf(50_000),
            BigInteger.TEN, BigInteger.ONE, paymaster,
            paymaster == null ? BigInteger.ZERO : BigInteger.valueOf(30_000), BigInteger.ZERO,
            Bytes.EMPTY, Bytes.EMPTY, null);
    return new PoolEntry(
        Bytes32.fromUint(BigInteger.valueOf(nonce)), V07, op, 0, 0, Instant.EPOCH, stakes,
        CodeHashes.NONE, AccessedStorage.NONE);
  }

  private static IncludedOperation included(PoolEntry op, PoolEntry heldByThePool) {
    UserOperationEvent event =
        new UserOperationEvent(
            op.userOpHash(), op.sender(), PAYMASTER, op.operation().nonce(), true,
            BigInteger.ONE, BigInteger.ONE);
    return new IncludedOperation(
        op.userOpHash(), V07, heldByThePool, 9, Bytes32.ZERO, Bytes32.ZERO, event);
  }

  private static Address address(int n) {
    return Address.fromHex(String.format("0x%040x", 0x5e00 + n));
  }

  /** A store on a full disk: a fault a real store cannot be made to show on demand. */
  private static final class BrokenStore implements ReputationStore {
    @Override
    public List<ReputationRecord> load() {
      return List.of();
    }

    @Override
    public OptionalLong decayedThroughHour() {
      return OptionalLong.empty();
    }

    @Override
    public void write(Collection<ReputationRecord> records, long decayedThroughHour) {
      throw new IllegalStateException("disk full");
    }
  }
}
