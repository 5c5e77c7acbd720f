package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.V08;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MempoolTest {
  private Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), StakedEntities.NONE);

  @AfterEach
  void closePool() {
    pool.close();
  }

  private void use(MempoolConfig config, StakedEntities stakes) {
    pool.close();
    pool = Mempool.inMemory(config, stakes);
  }

  private static MempoolConfig config(int maxOperations, long maxBytes, int maxEvictions) {
    return new MempoolConfig(maxOperations, maxBytes, 4, 10, maxEvictions, 4);
  }

  @Test
  void shouldFindAddedOperationByHashAndListIt() throws Exception {
    PoolEntry entry = TestOps.from(1).build();

    assertThat(pool.add(entry)).isEmpty();

    assertThat(pool.get(entry.userOpHash())).contains(entry);
    assertThat(pool.dump(V07)).containsExactly(entry);
    assertThat(pool.candidates(V07, 10)).containsExactly(entry);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepEntryPointsApart() throws Exception {
    PoolEntry onV07 = TestOps.from(1).build();
    PoolEntry onV08 = TestOps.from(1).entryPoint(V08).build();

    addAll(onV07, onV08);

    assertThat(pool.dump(V07)).containsExactly(onV07);
    assertThat(pool.dump(V08)).containsExactly(onV08);
    assertThat(pool.candidates(V08, 10)).containsExactly(onV08);
  }

  @Test
  void shouldListASendersOperationsInNonceOrderAcrossKeysAndFollowReplacementAndRemoval()
      throws Exception {
    PoolEntry keyTwo = TestOps.from(1).nonce(2, 0).build();
    PoolEntry second = TestOps.from(1).nonce(0, 1).build();
    PoolEntry first = TestOps.from(1).nonce(0, 0).fees(50, 10).build();
    PoolEntry otherSender = TestOps.from(2).build();
    PoolEntry otherEntryPoint = TestOps.from(1).entryPoint(V08).build();
    addAll(keyTwo, second, first, otherSender, otherEntryPoint);

    assertThat(pool.pendingOf(V07, address(1))).containsExactly(first, second, keyTwo);

    PoolEntry replacement = TestOps.from(1).nonce(0, 0).fees(55, 11).callData(8).build();
    pool.add(replacement);
    pool.remove(List.of(keyTwo.userOpHash()));

    assertThat(pool.pendingOf(V07, address(1))).containsExactly(replacement, second);
    assertThat(pool.pendingOf(V08, address(1))).containsExactly(otherEntryPoint);
    assertThat(pool.pendingOf(V07, address(3))).isEmpty();
  }

  @Test
  void shouldRejectSameOperationTwice() throws Exception {
    PoolEntry entry = TestOps.from(1).build();
    pool.add(entry);

    assertRejected(
        entry,
        RejectionReason.INVALID_FIELDS,
        "already in mempool",
        entry.userOpHash().toHex());
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void shouldReplaceWhenBothFeesRiseByTenPercent() throws Exception {
    PoolEntry first = TestOps.from(1).fees(50, 10).build();
    PoolEntry replacement = TestOps.from(1).fees(55, 11).callData(8).build();
    pool.add(first);

    assertThat(pool.add(replacement)).contains(first);

    assertThat(pool.get(first.userOpHash())).isEmpty();
    assertThat(pool.dump(V07)).containsExactly(replacement);
  }

  @Test
  void shouldReplaceWhenBothFeesRiseByMoreThanTenPercent() throws Exception {
    pool.add(TestOps.from(1).fees(50, 10).build());
    PoolEntry replacement = TestOps.from(1).fees(56, 12).build();

    pool.add(replacement);

    assertThat(pool.dump(V07)).containsExactly(replacement);
  }

  @Test
  void shouldRejectReplacementWithOnlyPriorityFeeBump() throws Exception {
    assertReplacementUnderpriced(TestOps.from(1).fees(50, 11).build());
  }

  @Test
  void shouldRejectReplacementWithOnlyMaxFeeBump() throws Exception {
    assertReplacementUnderpriced(TestOps.from(1).fees(55, 10).callData(4).build());
  }

  @Test
  void shouldRejectReplacementWithSameFees() throws Exception {
    assertReplacementUnderpriced(TestOps.from(1).fees(50, 10).callData(4).build());
  }

  @Test
  void shouldRejectReplacementJustBelowTenPercent() throws Exception {
    assertReplacementUnderpriced(TestOps.from(1).fees(54, 10).build());
  }

  @Test
  void shouldRejectReplacementWithLowerFees() throws Exception {
    assertReplacementUnderpriced(TestOps.from(1).fees(45, 9).build());
  }

  private void assertReplacementUnderpriced(PoolEntry replacement) throws Exception {
    PoolEntry first = TestOps.from(1).fees(50, 10).build();
    pool.add(first);

    assertRejected(
        replacement,
        RejectionReason.INVALID_FIELDS,
        "replacement underpriced",
        "+10%",
        "at least 11 and 55");
    assertThat(pool.dump(V07)).containsExactly(first);
  }

  @Test
  void shouldRoundRequiredBumpUp() throws Exception {
    pool.add(TestOps.from(1).fees(15, 15).build());

    assertRejected(
        TestOps.from(1).fees(16, 16).build(),
        RejectionReason.INVALID_FIELDS,
        "at least 17 and 17");
    pool.add(TestOps.from(1).fees(17, 17).build());
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void shouldLimitUnstakedSenderToFourOperations() throws Exception {
    for (int i = 0; i < 4; i++) {
      pool.add(TestOps.from(1).nonce(i, 0).build());
    }

    assertRejected(
        TestOps.from(1).nonce(4, 0).build(),
        RejectionReason.INSUFFICIENT_STAKE,
        "unstaked",
        address(1).toHex());
    assertThat(pool.size()).isEqualTo(4);
  }

  @Test
  void shouldHonourConfiguredSenderLimit() throws Exception {
    use(new MempoolConfig(100, 1 << 20, 2, 10, 4, 4), StakedEntities.NONE);
    pool.add(TestOps.from(1).nonce(0).build());
    pool.add(TestOps.from(1).nonce(1).build());

    assertRejected(
        TestOps.from(1).nonce(2).build(),
        RejectionReason.INSUFFICIENT_STAKE,
        "already has 2 userOps");
  }

  @Test
  void shouldNotCountReplacementAsNewOperationOfSender() throws Exception {
    for (int i = 0; i < 4; i++) {
      pool.add(TestOps.from(1).nonce(i).build());
    }

    PoolEntry replacement = TestOps.from(1).nonce(3).fees(55, 11).build();
    assertThat(pool.add(replacement)).isPresent();

    assertThat(pool.size()).isEqualTo(4);
    assertThat(pool.get(replacement.userOpHash())).contains(replacement);
  }

  @Test
  void shouldLetStakedSenderExceedUnstakedLimit() throws Exception {
    Address staked = address(7);
    use(MempoolConfig.defaults(), (entryPoint, entity) -> entity.equals(staked));

    for (int i = 0; i < 6; i++) {
      pool.add(TestOps.from(staked).nonce(i).build());
    }

    assertThat(pool.size()).isEqualTo(6);
    assertThat(pool.entityCount(V07, EntityRole.SENDER, staked)).isEqualTo(6);
  }

  @Test
  void shouldKeepParallelNonceKeysInSeparateSlots() throws Exception {
    PoolEntry key1 = TestOps.from(1).nonce(1, 0).build();
    PoolEntry key2 = TestOps.from(1).nonce(2, 0).build();
    PoolEntry key1Next = TestOps.from(1).nonce(1, 1).build();
    addAll(key1, key2, key1Next);

    PoolEntry key2Replacement = TestOps.from(1).nonce(2, 0).fees(60, 20).build();
    assertThat(pool.add(key2Replacement)).contains(key2);

    assertThat(pool.dump(V07)).containsExactly(key1, key1Next, key2Replacement);
  }

  @Test
  void shouldOrderCandidatesByTipThenArrival() throws Exception {
    PoolEntry low = TestOps.from(1).tip(5).build();
    PoolEntry high = TestOps.from(2).tip(9).build();
    PoolEntry midEarly = TestOps.from(3).tip(7).build();
    PoolEntry midLate = TestOps.from(4).tip(7).build();
    addAll(low, high, midEarly, midLate);

    assertThat(pool.candidates(V07, 10)).containsExactly(high, midEarly, midLate, low);
    assertThat(pool.candidates(V07, 2)).containsExactly(high, midEarly);
    assertThat(pool.dump(V07)).containsExactly(low, high, midEarly, midLate);
  }

  @Test
  void shouldNeverOfferALaterNonceBeforeTheSendersLowest() throws Exception {
    PoolEntry lowest = TestOps.from(1).nonce(0).tip(2).build();
    PoolEntry later = TestOps.from(1).nonce(1).tip(50).build();
    PoolEntry otherKey = TestOps.from(1).nonce(5, 0).tip(20).build();
    PoolEntry other = TestOps.from(2).tip(10).build();
    addAll(later, lowest, otherKey, other);

    assertThat(pool.candidates(V07, 10)).containsExactly(otherKey, other, lowest, later);
    assertThat(pool.candidates(V07, 2)).containsExactly(otherKey, other);
  }

  @Test
  void shouldRankASequenceByItsNextNonceOnceItsLowestLeaves() throws Exception {
    PoolEntry lowest = TestOps.from(1).nonce(0).tip(2).build();
    PoolEntry later = TestOps.from(1).nonce(1).tip(50).build();
    PoolEntry other = TestOps.from(2).tip(10).build();
    addAll(lowest, later, other);

    pool.remove(List.of(lowest.userOpHash()));

    assertThat(pool.candidates(V07, 10)).containsExactly(later, other);
  }

  @Test
  void shouldInterleaveSequencesByTipOnceEachLowerNonceIsOffered() throws Exception {
    PoolEntry first = TestOps.from(1).nonce(0).tip(30).build();
    PoolEntry second = TestOps.from(1).nonce(1).tip(5).build();
    PoolEntry third = TestOps.from(1).nonce(2).tip(40).build();
    PoolEntry other = TestOps.from(2).tip(20).build();
    addAll(third, second, first, other);

    assertThat(pool.candidates(V07, 10)).containsExactly(first, other, second, third);
  }

  @Test
  void shouldReorderCandidatesWhenBaseFeeChanges() throws Exception {
    PoolEntry highCap = TestOps.from(1).fees(100, 5).build();
    PoolEntry lowCap = TestOps.from(2).fees(12, 10).build();
    addAll(highCap, lowCap);
    assertThat(pool.candidates(V07, 10)).containsExactly(lowCap, highCap);

    pool.setBaseFee(BigInteger.valueOf(5));
    assertThat(pool.candidates(V07, 10)).containsExactly(lowCap, highCap);

    pool.setBaseFee(BigInteger.valueOf(8));
    assertThat(pool.candidates(V07, 10)).containsExactly(highCap, lowCap);
  }

  @Test
  void shouldPutReplacementAtEndOfArrivalOrder() throws Exception {
    PoolEntry first = TestOps.from(1).build();
    PoolEntry second = TestOps.from(2).build();
    addAll(first, second);

    PoolEntry replacement = TestOps.from(1).fees(55, 11).build();
    pool.add(replacement);

    assertThat(pool.dump(V07)).containsExactly(second, replacement);
  }

  @Test
  void shouldEvictCheapestWhenFullByCount() throws Exception {
    use(config(3, 1 << 20, 4), StakedEntities.NONE);
    List<PoolEntry> pending = addWithTips(1, 2, 3);

    PoolEntry newcomer = TestOps.from(9).tip(4).build();
    pool.add(newcomer);

    assertThat(pool.candidates(V07, 10)).containsExactly(newcomer, pending.get(2), pending.get(1));
  }

  @Test
  void shouldEvictNewestOfEquallyCheapOperations() throws Exception {
    use(config(2, 1 << 20, 4), StakedEntities.NONE);
    List<PoolEntry> pending = addWithTips(1, 1);

    pool.add(TestOps.from(9).tip(2).build());

    assertThat(pool.get(pending.get(0).userOpHash())).isPresent();
    assertThat(pool.get(pending.get(1).userOpHash())).isEmpty();
  }

  @Test
  void shouldRejectNewcomerThatDoesNotOutbidCheapestWhenFull() throws Exception {
    use(config(2, 1 << 20, 4), StakedEntities.NONE);
    List<PoolEntry> pending = addWithTips(3, 3);

    PoolEntry newcomer = TestOps.from(9).tip(3).build();
    assertRejected(newcomer, RejectionReason.INVALID_FIELDS, "mempool is full");
    assertThat(pool.dump(V07)).isEqualTo(pending);
  }

  @Test
  void shouldUseBaseFeeWhenComparingNewcomerWithCheapest() throws Exception {
    use(config(1, 1 << 20, 4), StakedEntities.NONE);
    PoolEntry pending = TestOps.from(1).fees(100, 5).build();
    pool.add(pending);
    pool.setBaseFee(BigInteger.valueOf(10));

    // Priority fee 20 but only 2 above the base fee: effective tip 2 < 5.
    assertRejected(
        TestOps.from(2).fees(12, 20).build(),
        RejectionReason.INVALID_FIELDS,
        "mempool is full");
    pool.add(TestOps.from(3).fees(17, 20).build());
    assertThat(pool.get(pending.userOpHash())).isEmpty();
  }

  @Test
  void shouldRefuseOneLargeOperationEvictingManySmallOnes() throws Exception {
    int small = OperationSize.of(TestOps.from(1).operation());
    use(config(100, 4L * small, 10), StakedEntities.NONE);
    addWithTips(10, 10, 10, 10);
    // Three times the size of a small one, with a tip twice theirs: more per gas, less per byte.
    PoolEntry large = TestOps.from(9).tip(20).callData(small * 2 + 64).build();
    assertThat(OperationSize.of(large.operation())).isGreaterThan(3 * small - 32);

    assertRejected(large, RejectionReason.INVALID_FIELDS, "does not pay more per byte");
    assertThat(pool.size()).isEqualTo(4);
  }

  @Test
  void shouldEvictSeveralWhenNewcomerPaysMorePerByte() throws Exception {
    int small = OperationSize.of(TestOps.from(1).operation());
    use(config(100, 4L * small, 10), StakedEntities.NONE);
    List<PoolEntry> pending = addWithTips(10, 11, 30, 31);
    PoolEntry large = TestOps.from(9).tip(25).callData(small).build();
    int largeSize = OperationSize.of(large.operation());
    assertThat(largeSize).isGreaterThan(small).isLessThanOrEqualTo(2 * small);

    pool.add(large);

    assertThat(pool.candidates(V07, 10)).containsExactly(pending.get(3), pending.get(2), large);
  }

  @Test
  void shouldCapEvictionsForOneAdmission() throws Exception {
    int small = OperationSize.of(TestOps.from(1).operation());
    use(config(100, 6L * small, 2), StakedEntities.NONE);
    addWithTips(1, 1, 1, 1, 1, 1);
    PoolEntry large = TestOps.from(9).tip(1_000).callData(2 * small).build();

    assertRejected(
        large,
        RejectionReason.INVALID_FIELDS,
        "would evict more than 2 pending userOps");
    assertThat(pool.size()).isEqualTo(6);
  }

  @Test
  void shouldRejectOperationLargerThanWholePool() {
    use(config(100, 1_000, 4), StakedEntities.NONE);

    assertRejected(
        TestOps.from(1).callData(2_000).build(),
        RejectionReason.INVALID_FIELDS,
        "more than the mempool holds in total");
  }

  @Test
  void shouldFreeReplacedOperationsSpaceBeforeEvicting() throws Exception {
    use(config(2, 1 << 20, 4), StakedEntities.NONE);
    PoolEntry other = TestOps.from(1).tip(1).build();
    pool.add(other);
    pool.add(TestOps.from(2).tip(5).build());

    PoolEntry replacement = TestOps.from(2).tip(6).build();
    pool.add(replacement);

    assertThat(pool.dump(V07)).containsExactly(other, replacement);
  }

  static Stream<Arguments> addressesInTwoRoles() {
    String senderElsewhere =
        "is used as a sender entity in another UserOperation currently in mempool";
    return Stream.of(
        Arguments.of(
            "paymaster is a pending sender",
            TestOps.from(1).build(),
            TestOps.from(2).paymaster(address(1)).build(),
            "paymaster " + address(1).toHex() + " " + senderElsewhere),
        Arguments.of(
            "factory is a pending sender",
            TestOps.from(1).build(),
            TestOps.from(2).factory(address(1)).build(),
            "factory " + address(1).toHex() + " " + senderElsewhere),
        Arguments.of(
            "sender is a pending paymaster",
            TestOps.from(2).paymaster(address(1)).build(),
            TestOps.from(1).build(),
            "is used as a different entity in another UserOperation currently in mempool"),
        Arguments.of(
            "sender is a pending factory",
            TestOps.from(2).factory(address(1)).build(),
            TestOps.from(1).build(),
            "is used as a different entity in another UserOperation currently in mempool"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("addressesInTwoRoles")
  void sto040_rejectsAddressInTwoRoles(
      String rule, PoolEntry pending, PoolEntry newcomer, String message) throws Exception {
    pool.add(pending);

    assertRejected(newcomer, RejectionReason.BANNED_OPCODE, message);
    assertThat(pool.dump(V07)).containsExactly(pending);
  }

  @Test
  void sto040_allowsSameRoleAcrossEntryPoints() throws Exception {
    pool.add(TestOps.from(1).build());

    pool.add(TestOps.from(2).entryPoint(V08).paymaster(address(1)).build());

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void shouldCountEntitiesInEveryRole() throws Exception {
    Address factory = address(100);
    Address paymaster = address(200);
    PoolEntry first = TestOps.from(1).factory(factory).paymaster(paymaster).build();
    pool.add(first);
    pool.add(TestOps.from(2).paymaster(paymaster).build());
    pool.add(TestOps.from(2).nonce(1).build());

    assertThat(pool.entityCount(V07, EntityRole.SENDER, address(2))).isEqualTo(2);
    assertThat(pool.entityCount(V07, EntityRole.FACTORY, factory)).isEqualTo(1);
    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, paymaster)).isEqualTo(2);
    assertThat(pool.entityCount(V08, EntityRole.PAYMASTER, paymaster)).isZero();

    pool.add(TestOps.from(1).fees(55, 11).build());
    assertThat(pool.entityCount(V07, EntityRole.FACTORY, factory)).isZero();
    assertThat(pool.entityCount(V07, EntityRole.PAYMASTER, paymaster)).isEqualTo(1);
  }

  @Test
  void shouldRemoveOperationsAndIgnoreUnknownHashes() throws Exception {
    PoolEntry kept = TestOps.from(1).build();
    PoolEntry removed = TestOps.from(2).build();
    addAll(kept, removed);

    pool.remove(List.of(removed.userOpHash(), TestOps.from(3).build().userOpHash()));

    assertThat(pool.dump(V07)).containsExactly(kept);
    assertThat(pool.entityCount(V07, EntityRole.SENDER, address(2))).isZero();
  }

  @Test
  void shouldAdmitSameOperationAgainAfterRemoval() throws Exception {
    PoolEntry entry = TestOps.from(1).build();
    pool.add(entry);
    pool.remove(List.of(entry.userOpHash()));

    pool.add(entry);

    assertThat(pool.dump(V07)).containsExactly(entry);
  }

  @Test
  void shouldClearEverything() throws Exception {
    pool.add(TestOps.from(1).build());
    pool.add(TestOps.from(2).entryPoint(V08).build());

    pool.clear();

    assertThat(pool.size()).isZero();
    assertThat(pool.dump(V07)).isEmpty();
    assertThat(pool.candidates(V08, 10)).isEmpty();
  }

  @Test
  void shouldRefuseChangesAfterClose() {
    pool.close();

    assertThatThrownBy(() -> pool.add(TestOps.from(1).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  /** Adds one operation per tip, from senders 1, 2, ... */
  private List<PoolEntry> addWithTips(long... tips) throws UserOperationRejectedException {
    List<PoolEntry> added = TestOps.withTips(tips);
    addAll(added.toArray(PoolEntry[]::new));
    return added;
  }

  private void addAll(PoolEntry... entries) throws UserOperationRejectedException {
    for (PoolEntry entry : entries) {
      pool.add(entry);
    }
  }

  private void assertRejected(PoolEntry entry, RejectionReason reason, String... fragments) {
    PoolAssertions.assertRejected(pool, entry, reason, fragments);
  }
}
