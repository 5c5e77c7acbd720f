package io.seed.bundler.core.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.NodeUnavailableException;
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
import io.seed.bundler.core.validation.RejectionReason;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BundleProposerTest {
  private static final EntryPoint ENTRY_POINT = EntryPoint.canonical(EntryPointVersion.V0_7);
  private static final long NOW = 1_700_000_000L;
  private static final BlockHeader HEAD =
      new BlockHeader(100, Bytes32.ZERO, Bytes32.ZERO, NOW, BigInteger.valueOf(1_000), 30_000_000);
  // each test operation may use 100k + 200k + 300k gas
  private static final long OPERATION_GAS = 600_000;

  private static final CodeChangeCheck NO_CODE_CHANGE = entries -> List.of();

  private final TestPool pool = new TestPool();

  @Test
  void shouldTakeOneOperationPerSenderItsLowestNonceInPlaceOfItsBest() throws Exception {
    PoolEntry first = entry(1, 0, 10, 0, 0);
    PoolEntry later = entry(1, 1, 50, 0, 0);
    PoolEntry other = entry(2, 0, 20, 0, 0);
    pool.add(first);
    pool.add(later);
    pool.add(other);

    Bundle bundle = proposer(config(10_000_000, 10), entry -> entry).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(first, other);
    assertThat(bundle.gasLimit()).isEqualTo(BigInteger.valueOf(2 * OPERATION_GAS + 50_000));
  }

  @Test
  void shouldDropOperationsWhoseValidationCodeChangedBeforeRecheckingAny() throws Exception {
    PoolEntry changed = entry(1, 0, 50, 0, 0);
    PoolEntry unchanged = entry(2, 0, 20, 0, 0);
    pool.add(changed);
    pool.add(unchanged);
    List<PoolEntry> rechecked = new ArrayList<>();

    Bundle bundle =
        new BundleProposer(
                pool,
                entry -> {
                  rechecked.add(entry);
                  return entry;
                },
                config(10_000_000, 10),
                BundleEntityLimits.NONE,
                entries -> List.of(changed.userOpHash()))
            .propose(ENTRY_POINT, HEAD)
            .orElseThrow();

    assertThat(bundle.entries()).containsExactly(unchanged);
    assertThat(rechecked).containsExactly(unchanged);
    assertThat(pool.get(changed.userOpHash())).isEmpty();
  }

  @Test
  void shouldSkipOperationsNotValidYetAndDropThoseAboutToExpire() throws Exception {
    PoolEntry notYet = entry(1, 0, 10, NOW + 60, 0);
    PoolEntry expiring = entry(2, 0, 10, 0, NOW + 10);
    PoolEntry fine = entry(3, 0, 10, NOW - 60, NOW + 3_600);
    pool.add(notYet);
    pool.add(expiring);
    pool.add(fine);

    Bundle bundle = proposer(config(10_000_000, 10), entry -> entry).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(fine);
    assertThat(pool.get(notYet.userOpHash())).isPresent();
    assertThat(pool.get(expiring.userOpHash())).isEmpty();
  }

  @Test
  void shouldLeaveOperationsThatPayLessThanTheBaseFee() throws Exception {
    PoolEntry underpaying = entry(1, 0, 10, 0, 0, BigInteger.valueOf(999));
    pool.add(underpaying);

    Optional<Bundle> bundle = proposer(config(10_000_000, 10), entry -> entry).propose(ENTRY_POINT, HEAD);

    assertThat(bundle).isEmpty();
    assertThat(pool.get(underpaying.userOpHash())).isPresent();
  }

  @Test
  void shouldStayWithinTheGasAndOperationBounds() throws Exception {
    for (int sender = 1; sender <= 5; sender++) {
      pool.add(entry(sender, 0, 10 * sender, 0, 0));
    }

    Bundle byGas =
        proposer(config(50_000 + 2 * OPERATION_GAS + 1, 10), entry -> entry)
            .propose(ENTRY_POINT, HEAD).orElseThrow();
    Bundle byCount =
        proposer(config(10_000_000, 3), entry -> entry).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(byGas.entries()).hasSize(2);
    assertThat(byCount.entries()).hasSize(3);
  }

  @Test
  void shouldDropWhatTheRecheckRefusesAndBundleTheFreshEntry() throws Exception {
    PoolEntry refused = entry(1, 0, 50, 0, 0);
    PoolEntry kept = entry(2, 0, 10, 0, 0);
    pool.add(refused);
    pool.add(kept);
    PoolEntry refreshed =
        new PoolEntry(kept.userOpHash(), ENTRY_POINT, kept.operation(), 0, NOW + 3_600, Instant.EPOCH,
            EntityStakes.NONE, CodeHashes.NONE, AccessedStorage.NONE);
    BundleRecheck recheck = entry -> {
      if (entry.equals(refused)) {
        throw new UserOperationRejectedException(
            RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT, "AA25 invalid account nonce");
      }
      return refreshed;
    };

    Bundle bundle = proposer(config(10_000_000, 10), recheck).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(refreshed);
    assertThat(pool.get(refused.userOpHash())).isEmpty();
    assertThat(pool.get(kept.userOpHash())).isPresent();
  }

  @Test
  void shouldRecheckTheChosenOperationsAllAtOnce() throws Exception {
    List<PoolEntry> entries = List.of(entry(1, 0, 30, 0, 0), entry(2, 0, 20, 0, 0),
        entry(3, 0, 10, 0, 0));
    for (PoolEntry entry : entries) {
      pool.add(entry);
    }
    CountDownLatch started = new CountDownLatch(entries.size());
    // Each re-check waits for all of them to have started, which only concurrent re-checks do.
    BundleRecheck recheck = entry -> {
      started.countDown();
      try {
        if (!started.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the re-checks ran one after another");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return entry;
    };

    Bundle bundle = proposer(config(10_000_000, 10), recheck).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactlyElementsOf(entries);
  }

  @Test
  void shouldFailTheRoundWhenARecheckCannotReachTheNode() throws Exception {
    pool.add(entry(1, 0, 30, 0, 0));
    pool.add(entry(2, 0, 20, 0, 0));
    BundleRecheck recheck = entry -> {
      throw new NodeUnavailableException(
          URI.create("http://127.0.0.1:1"), "eth_call", "connection refused", null);
    };

    assertThatThrownBy(() -> proposer(config(10_000_000, 10), recheck).propose(ENTRY_POINT, HEAD))
        .isInstanceOf(NodeUnavailableException.class);
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void shouldCarryNoMoreOperationsOfAnEntityThanItsLimit() throws Exception {
    Address throttled = Address.fromHex("0x00000000000000000000000000000000000000aa");
    PoolEntry first = entry(1, 0, 30, 0, 0, throttled);
    PoolEntry second = entry(2, 0, 20, 0, 0, throttled);
    PoolEntry third = entry(3, 0, 10, 0, 0, throttled);
    PoolEntry unlimited = entry(4, 0, 5, 0, 0);
    for (PoolEntry entry : new PoolEntry[] {first, second, third, unlimited}) {
      pool.add(entry);
    }
    BundleEntityLimits limits = (entry, entity) -> entity.equals(throttled) ? 2 : Integer.MAX_VALUE;

    Bundle bundle =
        new BundleProposer(pool, entry -> entry, config(10_000_000, 10), limits, NO_CODE_CHANGE)
            .propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(first, second, unlimited);
    assertThat(pool.get(third.userOpHash())).isPresent();
  }

  @Test
  void shouldDropOperationsOfBannedEntitiesFromThePool() throws Exception {
    Address banned = Address.fromHex("0x00000000000000000000000000000000000000bb");
    PoolEntry ofBanned = entry(1, 0, 30, 0, 0, banned);
    PoolEntry fine = entry(2, 0, 20, 0, 0);
    pool.add(ofBanned);
    pool.add(fine);
    BundleEntityLimits limits = (entry, entity) -> entity.equals(banned) ? 0 : Integer.MAX_VALUE;

    Bundle bundle =
        new BundleProposer(pool, entry -> entry, config(10_000_000, 10), limits, NO_CODE_CHANGE)
            .propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(fine);
    assertThat(pool.get(ofBanned.userOpHash())).isEmpty();
  }

  @Test
  void sto041_leavesForALaterBundleAnOperationWhoseValidationTouchedABundledSendersStorage()
      throws Exception {
    PoolEntry owner = entry(1, 0, 50, 0, 0);
    PoolEntry reader = touching(entry(2, 0, 20, 0, 0), 1);
    pool.add(owner);
    pool.add(reader);
    BundleProposer proposer = proposer(config(10_000_000, 10), entry -> entry);

    Bundle first = proposer.propose(ENTRY_POINT, HEAD).orElseThrow();
    pool.remove(List.of(owner.userOpHash()));
    Bundle second = proposer.propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(first.entries()).containsExactly(owner);
    assertThat(second.entries()).containsExactly(reader);
  }

  @Test
  void sto041_leavesForALaterBundleASenderWhoseStorageABundledOperationTouched()
      throws Exception {
    PoolEntry reader = touching(entry(2, 0, 50, 0, 0), 1);
    PoolEntry owner = entry(1, 0, 20, 0, 0);
    pool.add(reader);
    pool.add(owner);

    Bundle bundle =
        proposer(config(10_000_000, 10), entry -> entry).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(reader);
    assertThat(pool.get(owner.userOpHash())).contains(owner);
  }

  @Test
  void sto041_bundlesTogetherOperationsTouchingTheStorageOfNoBundledSender() throws Exception {
    PoolEntry owner = entry(1, 0, 50, 0, 0);
    PoolEntry reader = touching(entry(2, 0, 20, 0, 0), 9);
    PoolEntry other = touching(entry(3, 0, 10, 0, 0), 9);
    pool.add(owner);
    pool.add(reader);
    pool.add(other);

    Bundle bundle =
        proposer(config(10_000_000, 10), entry -> entry).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(owner, reader, other);
  }

  @Test
  void sto041_judgesTheStorageTheRecheckRecordedAndKeepsTheLeftOperationInThePool()
      throws Exception {
    PoolEntry owner = entry(1, 0, 50, 0, 0);
    PoolEntry reader = entry(2, 0, 20, 0, 0);
    pool.add(owner);
    pool.add(reader);
    BundleRecheck recheck =
        entry -> entry.equals(reader) ? touching(entry, 1) : entry;

    Bundle bundle =
        proposer(config(10_000_000, 10), recheck).propose(ENTRY_POINT, HEAD).orElseThrow();

    assertThat(bundle.entries()).containsExactly(owner);
    assertThat(pool.get(reader.userOpHash())).contains(reader);
  }

  private BundleProposer proposer(BuilderConfig config, BundleRecheck recheck) {
    return new BundleProposer(pool, recheck, config, BundleEntityLimits.NONE, NO_CODE_CHANGE);
  }

  private static BuilderConfig config(long maxBundleGas, int maxOperations) {
    BuilderConfig defaults = BuilderConfig.defaults(Address.ZERO);
    return new BuilderConfig(
        Address.ZERO, maxBundleGas, maxOperations, 50_000, defaults.pollInterval(),
        defaults.priorityFeePerGas(), false, defaults.replacementBlocks(),
        defaults.feeBumpPercent(), 30, Duration.ofMinutes(1), BundlingMode.MANUAL);
  }

  private static PoolEntry entry(int sender, long nonce, long tip, long validAfter, long validUntil) {
    return entry(sender, nonce, tip, validAfter, validUntil, BigInteger.valueOf(10_000));
  }

  private static PoolEntry entry(
      int sender, long nonce, long tip, long validAfter, long validUntil, BigInteger maxFee) {
    return entry(sender, nonce, tip, validAfter, validUntil, maxFee, null);
  }

  private static PoolEntry entry(
      int sender, long nonce, long tip, long validAfter, long validUntil, Address paymaster) {
    return entry(sender, nonce, tip, validAfter, validUntil, BigInteger.valueOf(10_000), paymaster);
  }

  private static PoolEntry entry(
      int sender, long nonce, long tip, long validAfter, long validUntil, BigInteger maxFee,
      Address paymaster) {
    PackedUserOperation op =
        new PackedUserOperation(
            address(sender), BigInteger.valueOf(nonce), null,
            Bytes.EMPTY, Bytes.EMPTY, BigInteger.valueOf(300_000), BigInteger.valueOf(200_000),
            BigInteger.valueOf(100_000), maxFee, BigInteger.valueOf(tip), paymaster,
            BigInteger.ZERO, BigInteger.ZERO, Bytes.EMPTY, Bytes.EMPTY, null);
    Bytes32 hash = Bytes32.fromUint(BigInteger.valueOf(sender * 1_000L + nonce));
    return new PoolEntry(
        hash, ENTRY_POINT, op, validAfter, validUntil, Instant.EPOCH, EntityStakes.NONE,
        CodeHashes.NONE, AccessedStorage.NONE);
  }

  /** {@code entry} as if its validation had read the storage of {@code contracts}. */
  private static PoolEntry touching(PoolEntry entry, int... contracts) {
    Set<Address> touched = new HashSet<>();
    for (int contract : contracts) {
      touched.add(address(contract));
    }
    return new PoolEntry(
        entry.userOpHash(), entry.entryPoint(), entry.operation(), entry.validAfter(),
        entry.validUntil(), entry.receivedAt(), entry.stakes(), entry.codeHashes(),
        new AccessedStorage(touched));
  }

  private static Address address(int number) {
    return Address.fromHex(String.format("0x%040x", number));
  }
}
