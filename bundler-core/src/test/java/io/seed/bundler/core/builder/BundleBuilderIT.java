package io.seed.bundler.core.builder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.SimpleAccountOperations;
import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.chain.UserOperationLookup;
import io.seed.bundler.core.chain.UserOperationReceipt;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.testing.ValidationPipelines;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.ECKeyPair;

/**
 * The bundle builder against real EntryPoints v0.7 and v0.8 on anvil, re-checking operations with
 * the real validation pipeline.
 */
class BundleBuilderIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final int SIGNER_ACCOUNT = 5;
  private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

  private final TransactionSigner signer =
      TransactionSigner.fromPrivateKey(
          AnvilAccounts.privateKey(SIGNER_ACCOUNT).toHex(), ANVIL.chainId());
  private final TestPool pool = new TestPool();
  private final InMemoryIncludedOperations index = new InMemoryIncludedOperations(1_000);
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stopBackground() {
    background.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldIncludeABundleRecordItsOperationsAndEmptyThePool(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PoolEntry one = ops.entry(ops.newAccountDeposit());
    PoolEntry two = ops.entry(ops.newAccountDeposit());
    pool.add(one);
    pool.add(two);
    BigInteger beneficiaryBefore = balance(signer);

    List<MinedBundle> mined = builder(ops, pipelineRecheck()).sendBundleNow();

    assertThat(mined).singleElement().satisfies(bundle -> {
      assertThat(bundle.entryPoint()).isEqualTo(ops.entryPoint());
      assertThat(bundle.receipt().status()).isTrue();
      assertThat(bundle.userOpHashes())
          .containsExactlyInAnyOrder(one.userOpHash(), two.userOpHash());
    });
    assertThat(pool.size()).isZero();
    assertThat(index.get(one.userOpHash())).get()
        .satisfies(op -> assertThat(op.poolEntry()).isEqualTo(one));
    UserOperationReceipt receipt = lookup(ops).findReceipt(two.userOpHash()).orElseThrow();
    assertThat(receipt.success()).isTrue();
    assertThat(receipt.receipt().transactionHash()).isEqualTo(mined.get(0).transactionHash());
    assertThat(receipt.actualGasCost()).isPositive();
    // the EntryPoint pays the beneficiary back more than the bundle cost at 20 gwei per gas
    assertThat(balance(signer)).isGreaterThan(beneficiaryBefore.subtract(
        mined.get(0).receipt().gasUsed().multiply(mined.get(0).receipt().effectiveGasPrice())));
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldSendOneOperationPerSenderInABundle(EntryPointVersion version) throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    SimpleAccountOperations.Account account = ops.newAccount();
    PoolEntry first = ops.entry(ops.operation(account, 0, ops.depositCall(account)));
    PoolEntry second = ops.entry(ops.operation(account, 1, ops.depositCall(account)));
    pool.add(first);
    pool.add(second);
    BundleBuilder builder = builder(ops, pipelineRecheck());

    List<MinedBundle> firstRound = builder.sendBundleNow();
    List<MinedBundle> secondRound = builder.sendBundleNow();

    assertThat(firstRound).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(first.userOpHash()));
    assertThat(secondRound).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(second.userOpHash()));
    assertThat(pool.size()).isZero();
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldDropAnOperationThatNoLongerValidatesAndSendNothing(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PackedUserOperation forged = ops.sign(ops.newAccountDeposit(), ECKeyPair.create(BigInteger.TEN));
    pool.add(ops.entry(forged));
    long nonceBefore = nonce(signer);

    List<MinedBundle> mined = builder(ops, pipelineRecheck()).sendBundleNow();

    assertThat(mined).isEmpty();
    assertThat(pool.size()).isZero();
    assertThat(nonce(signer)).isEqualTo(nonceBefore);
  }

  /**
   * The re-check passes both operations (as when the chain changes between re-check and
   * pre-flight); the EntryPoint then names the forged one in FailedOp.
   */
  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldDropTheOperationFailedOpNamesAndIncludeTheRest(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PoolEntry good = ops.entry(ops.newAccountDeposit());
    PoolEntry forged =
        ops.entry(
            ops.sign(
                ops.newAccountDeposit().withFees(
                    BigInteger.valueOf(30).multiply(GWEI), BigInteger.valueOf(5).multiply(GWEI)),
                ECKeyPair.create(BigInteger.TEN)));
    pool.add(forged);
    pool.add(good);

    List<MinedBundle> mined = builder(ops, entry -> entry).sendBundleNow();

    assertThat(mined).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(good.userOpHash()));
    assertThat(pool.size()).isZero();
    assertThat(index.get(forged.userOpHash())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldReplaceABundleThatStaysUnminedWithHigherFees(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    PoolEntry entry = ops.entry(ops.newAccountDeposit());
    pool.add(entry);
    BundleBuilder builder = builder(ops, pipelineRecheck());
    ANVIL.client().request("evm_setAutomine", false).join();
    try {
      Future<List<MinedBundle>> result = background.submit(builder::sendBundleNow);
      Bytes32 first = awaitPendingTransaction();
      // Every block from now on costs more than the first transaction offers.
      ANVIL.client().request("anvil_setNextBlockBaseFeePerGas", "0x" + GWEI.multiply(BigInteger.valueOf(400)).toString(16)).join();
      for (int block = 0; block < 50 && !result.isDone(); block++) {
        ANVIL.client().request("evm_mine").join();
        Thread.sleep(100);
      }
      List<MinedBundle> mined = result.get(30, TimeUnit.SECONDS);

      assertThat(mined).singleElement().satisfies(bundle -> {
        assertThat(bundle.transactionHash()).isNotEqualTo(first);
        assertThat(bundle.userOpHashes()).containsExactly(entry.userOpHash());
        assertThat(bundle.receipt().effectiveGasPrice()).isGreaterThan(GWEI.multiply(BigInteger.valueOf(100)));
      });
      assertThat(ANVIL.eth().getTransactionReceipt(first).join()).isEmpty();
      assertThat(pool.size()).isZero();
    } finally {
      ANVIL.client().request("anvil_setNextBlockBaseFeePerGas", "0x" + GWEI.toString(16)).join();
      ANVIL.client().request("evm_setAutomine", true).join();
      ANVIL.client().request("evm_mine").join();
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldReadTheNonceAgainWhenAnotherTransactionUsedIt(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    BundleBuilder builder = builder(ops, pipelineRecheck());
    pool.add(ops.entry(ops.newAccountDeposit()));
    assertThat(builder.sendBundleNow()).hasSize(1);
    // Another process with the same key takes the nonce the builder counts on.
    long taken = nonce(signer);
    SignedTransaction elsewhere =
        signer.sign(
            new Eip1559Transaction(
                BigInteger.valueOf(taken), BigInteger.valueOf(21_000), signer.address(),
                BigInteger.ZERO, io.seed.bundler.core.types.Bytes.EMPTY, GWEI,
                GWEI.multiply(BigInteger.valueOf(50))));
    ANVIL.eth().sendRawTransaction(elsewhere.raw()).join();
    PoolEntry next = ops.entry(ops.newAccountDeposit());
    pool.add(next);

    List<MinedBundle> mined = builder.sendBundleNow();

    assertThat(mined).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(next.userOpHash()));
    assertThat(nonce(signer)).isEqualTo(taken + 2);
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldBundleOnItsOwnInAutoMode(EntryPointVersion version) throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    BundleBuilder builder = builder(ops, pipelineRecheck());
    builder.start();
    try {
      SimpleAccountOperations.Account account = ops.newAccount();
      PoolEntry entry = ops.entry(ops.operation(account, 0, ops.depositCall(account)));
      pool.add(entry);
      for (int poll = 0; poll < 200 && index.get(entry.userOpHash()).isEmpty(); poll++) {
        Thread.sleep(50);
      }
      assertThat(index.get(entry.userOpHash())).isPresent();
      assertThat(pool.size()).isZero();

      builder.setMode(BundlingMode.MANUAL);
      PoolEntry waiting = ops.entry(ops.operation(account, 1, ops.depositCall(account)));
      pool.add(waiting);
      Thread.sleep(500);
      assertThat(pool.get(waiting.userOpHash())).contains(waiting);
    } finally {
      builder.stop();
    }
  }

  @Test
  void shouldDrainABacklogInConsecutiveBundlesWithoutWaitingAPollInterval() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    List<PoolEntry> backlog = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      SimpleAccountOperations.Account account = ops.newAccount();
      backlog.add(ops.entry(ops.operation(account, 0, ops.depositCall(account))));
    }
    for (PoolEntry entry : backlog) {
      pool.add(entry);
    }
    // One operation per bundle and an hourly poll: only bundling straight on after each mined
    // bundle can include all three while the test waits.
    BundleBuilder builder = builder(ops, pipelineRecheck(), 1, Duration.ofHours(1));
    builder.start();
    try {
      for (int poll = 0; poll < 400 && pool.size() > 0; poll++) {
        Thread.sleep(50);
      }
    } finally {
      builder.stop();
    }

    assertThat(backlog).allSatisfy(entry -> assertThat(index.get(entry.userOpHash())).isPresent());
    assertThat(pool.size()).isZero();
  }

  private BundleBuilder builder(SimpleAccountOperations ops, BundleRecheck recheck) {
    return builder(ops, recheck, BuilderConfig.defaults(signer.address()).maxBundleOperations(),
        Duration.ofMillis(50));
  }

  private BundleBuilder builder(SimpleAccountOperations ops, BundleRecheck recheck,
      int maxBundleOperations, Duration pollInterval) {
    BuilderConfig defaults = BuilderConfig.defaults(signer.address());
    BuilderConfig config =
        new BuilderConfig(
            signer.address(), defaults.maxBundleGas(), maxBundleOperations,
            defaults.bundleGasOverhead(), pollInterval, GWEI, false, 2, 15,
            defaults.expiryMarginSeconds(), Duration.ofSeconds(60), BundlingMode.AUTO);
    return new BundleBuilder(
        ANVIL.eth(), signer, List.of(ops.entryPoint()), pool, recheck,
        new InclusionRecorder(List.of(ops.entryPoint()), pool, index), config,
        Clock.systemUTC());
  }

  private BundleRecheck pipelineRecheck() {
    ValidationPipeline pipeline = ValidationPipelines.plain(ANVIL, ANVIL.eth(), Clock.systemUTC());
    return entry -> pipeline.validate(entry.operation(), entry.entryPoint());
  }

  private UserOperationLookup lookup(SimpleAccountOperations ops) {
    return new UserOperationLookup(ANVIL.eth(), List.of(ops.entryPoint()), index, 1_000);
  }

  private Bytes32 awaitPendingTransaction() throws InterruptedException {
    for (int poll = 0; poll < 200; poll++) {
      JsonNode pending = ANVIL.client().request("eth_getBlockByNumber", "pending", false).join();
      JsonNode transactions = pending.get("transactions");
      if (transactions != null && !transactions.isEmpty()) {
        return Bytes32.fromHex(transactions.get(0).asText());
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the bundle transaction never reached the node");
  }

  private static long nonce(TransactionSigner signer) {
    return ANVIL.eth().getTransactionCount(signer.address(), BlockTag.LATEST).join();
  }

  private static BigInteger balance(TransactionSigner signer) {
    return ANVIL.eth().getBalance(signer.address(), BlockTag.LATEST).join();
  }
}
