package io.seed.bundler.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.abi.EntryPointEvents;
import io.seed.bundler.core.abi.EntryPointRevert;
import io.seed.bundler.core.node.BlockHeader;
import io.seed.bundler.core.node.Log;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;

/**
 * The chain watcher and the by-hash lookup against real EntryPoints, with bundles sent by another
 * bundler, so every inclusion is found on chain rather than reported by our own builder.
 */
class ChainWatcherIT {
  @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();

  private static final Bytes32 DEPOSITED =
      Bytes32.of(Hash.sha3("Deposited(address,uint256)".getBytes(StandardCharsets.US_ASCII)));

  private final TestPool pool = new TestPool();
  private final InMemoryIncludedOperations index = new InMemoryIncludedOperations(1_000);
  private final OtherBundler otherBundler = new OtherBundler(ANVIL, 6);

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldIndexOperationsIncludedByAnotherBundlerAndTakeThemOutOfThePool(
      EntryPointVersion version) throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    ChainWatcher watcher = watcher(ops);
    watcher.poll();
    PackedUserOperation op = ops.newAccountDeposit();
    PoolEntry entry = ops.entry(op);
    pool.add(entry);

    TransactionReceipt bundle = otherBundler.bundle(ops.entryPoint(), List.of(op));
    watcher.poll();

    assertThat(pool.size()).isZero();
    IncludedOperation included = index.get(entry.userOpHash()).orElseThrow();
    assertThat(included.poolEntry()).isEqualTo(entry);
    assertThat(included.transactionHash()).isEqualTo(bundle.transactionHash());
    assertThat(included.blockHash()).isEqualTo(bundle.blockHash());
    assertThat(included.event().success()).isTrue();
    UserOperationLookup lookup = new UserOperationLookup(ANVIL.eth(), List.of(ops.entryPoint()), index, 1_000);
    assertThat(lookup.findIncluded(entry.userOpHash())).get().satisfies(found -> {
      assertThat(found.userOperation()).isEqualTo(op);
      assertThat(found.blockNumber()).isEqualTo(bundle.blockNumber());
      assertThat(found.transactionHash()).isEqualTo(bundle.transactionHash());
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldFindAnOperationTheIndexDoesNotHoldThroughLogsAndCalldata(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    SimpleAccountOperations.Account account = ops.newAccount();
    PackedUserOperation op = ops.operation(account, 0, ops.depositCall(account));
    Bytes32 hash = ops.hash(op);

    TransactionReceipt bundle = otherBundler.bundle(ops.entryPoint(), List.of(op));
    UserOperationLookup lookup =
        new UserOperationLookup(
            ANVIL.eth(), List.of(ops.entryPoint()), new InMemoryIncludedOperations(10), 1_000);

    assertThat(lookup.findIncluded(hash)).get().satisfies(found -> {
      assertThat(found.userOperation()).isEqualTo(op);
      assertThat(found.entryPoint()).isEqualTo(ops.entryPoint());
      assertThat(found.blockHash()).isEqualTo(bundle.blockHash());
    });
    UserOperationReceipt receipt = lookup.findReceipt(hash).orElseThrow();
    assertThat(receipt.success()).isTrue();
    assertThat(receipt.sender()).isEqualTo(account.sender());
    assertThat(receipt.nonce()).isZero();
    assertThat(receipt.receipt().transactionHash()).isEqualTo(bundle.transactionHash());
    assertThat(lookup.findReceipt(Bytes32.fromUint(BigInteger.TWO))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldGiveEachOperationItsOwnLogsAndTheRevertReason(EntryPointVersion version)
      throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    SimpleAccountOperations.Account first = ops.newAccount();
    SimpleAccountOperations.Account second = ops.newAccount();
    SimpleAccountOperations.Account third = ops.newAccount();
    PackedUserOperation depositing = ops.operation(first, 0, ops.depositCall(first));
    PackedUserOperation failing = ops.operation(second, 0, ops.failingCall(second));
    PackedUserOperation alsoDepositing = ops.operation(third, 0, ops.depositCall(third));

    TransactionReceipt bundle =
        otherBundler.bundle(ops.entryPoint(), List.of(depositing, failing, alsoDepositing));
    UserOperationLookup lookup = new UserOperationLookup(ANVIL.eth(), List.of(ops.entryPoint()), index, 1_000);

    UserOperationReceipt ok = lookup.findReceipt(ops.hash(depositing)).orElseThrow();
    assertThat(ok.success()).isTrue();
    assertThat(ok.revertReason()).isEmpty();
    assertThat(ok.paymaster().isZero()).isTrue();
    assertThat(ok.actualGasCost()).isPositive();
    assertThat(ok.actualGasUsed()).isPositive();
    assertThat(ok.logs()).singleElement().satisfies(log -> depositedBy(log, first));

    UserOperationReceipt reverted = lookup.findReceipt(ops.hash(failing)).orElseThrow();
    assertThat(reverted.success()).isFalse();
    assertThat(EntryPointRevert.decode(reverted.revertReason().orElseThrow()).describe())
        .isEqualTo("Withdraw amount too large");
    assertThat(reverted.logs()).extracting(log -> log.topics().get(0))
        .containsExactly(EntryPointEvents.USER_OPERATION_REVERT_REASON);

    UserOperationReceipt last = lookup.findReceipt(ops.hash(alsoDepositing)).orElseThrow();
    assertThat(last.logs()).singleElement().satisfies(log -> depositedBy(log, third));
    assertThat(last.receipt()).isEqualTo(bundle);
  }

  @ParameterizedTest
  @EnumSource(names = {"V0_7", "V0_8"})
  void shouldUnindexABlockThatLeftTheChainAndGiveItsOperationBackToThePool(
      EntryPointVersion version) throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, version);
    ChainWatcher watcher = watcher(ops);
    PackedUserOperation op = ops.newAccountDeposit();
    PoolEntry entry = ops.entry(op);
    pool.add(entry);
    watcher.poll();
    String snapshot = ANVIL.client().request("evm_snapshot").join().asText();

    otherBundler.bundle(ops.entryPoint(), List.of(op));
    watcher.poll();
    assertThat(index.get(entry.userOpHash())).isPresent();
    assertThat(pool.size()).isZero();

    ANVIL.client().request("evm_revert", snapshot).join();
    watcher.poll();

    assertThat(index.get(entry.userOpHash())).isEmpty();
    assertThat(pool.get(entry.userOpHash())).contains(entry);
  }

  @Test
  void shouldAnnounceEachNewHeadOnce() throws Exception {
    SimpleAccountOperations ops = new SimpleAccountOperations(ANVIL, EntryPointVersion.V0_7);
    List<BlockHeader> heads = new ArrayList<>();
    ChainWatcher watcher = watcher(ops, heads::add);

    watcher.poll();
    watcher.poll();
    ANVIL.client().request("evm_mine").join();
    watcher.poll();

    assertThat(heads).hasSize(2);
    assertThat(heads.get(1).number()).isEqualTo(heads.get(0).number() + 1);
    assertThat(heads.get(1).parentHash()).isEqualTo(heads.get(0).hash());
    assertThat(heads.get(1).baseFeePerGas()).isNotNull();
  }

  private ChainWatcher watcher(SimpleAccountOperations ops) {
    return watcher(ops, HeadListener.NONE);
  }

  private ChainWatcher watcher(SimpleAccountOperations ops, HeadListener heads) {
    return new ChainWatcher(
        ANVIL.eth(), List.of(ops.entryPoint()),
        new InclusionRecorder(List.of(ops.entryPoint()), pool, index), index, pool,
        ChainWatcherConfig.defaults(), heads, BlockListener.NONE);
  }

  private static void depositedBy(Log log, SimpleAccountOperations.Account account) {
    assertThat(log.topics().get(0)).isEqualTo(DEPOSITED);
    assertThat(log.topics().get(1).toHex()).endsWith(account.sender().toHex().substring(2));
  }
}
