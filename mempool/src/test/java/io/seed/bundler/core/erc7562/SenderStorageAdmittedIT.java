package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.RuleContracts.Staking.STAKED;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.builder.MinedBundle;
import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.UserOperationRejectedException;
import io.seed.bundler.mempool.Mempool;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.MempoolSchema;
import io.seed.bundler.mempool.RecoveryCheck;
import io.seed.bundler.mempool.StakedEntities;
import io.seed.bundler.mempool.kv.KvStore;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.kv.SyncMode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ERC-7562 STO-041 is a bundle rule, not an admission rule: rule-contract operations validated in
 * safe mode on anvil enter a durable mempool (RocksDB in a temporary directory) although one's
 * validation used storage in the other's sender, as the ERC-4337 spec test {@code
 * test_ban_user_op_access_other_ops_sender_in_bundle} expects; the builder keeps them apart. The
 * peer is a rule account that sends an operation of its own; the PEER_* behaviours read its
 * storage. In bundler-core's rule-test package, whose rule chain it uses. Each test runs on a
 * snapshot of the chain, reverted after.
 */
class SenderStorageAdmittedIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  private final NodeClient node = CHAIN.anvil().client();
  @TempDir Path dir;
  private KvStore store;
  private Mempool pool;
  private String snapshot;

  @BeforeEach
  void openPool() {
    snapshot = node.request("evm_snapshot").join().asText();
    open(RecoveryCheck.NONE);
  }

  @AfterEach
  void closePool() {
    close();
    node.request("evm_revert", snapshot).join();
  }

  @Test
  void sto041_accountReadingStorageOfPooledSenderIsAdmitted() throws Exception {
    assertAdmittedInTurn(
        validate(CHAIN.contracts().peerOperation()),
        validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER"))));
  }

  @Test
  void sto041_senderWhoseStorageAPooledOperationReadIsAdmitted() throws Exception {
    assertAdmittedInTurn(
        validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER"))),
        validate(CHAIN.contracts().peerOperation()));
  }

  @Test
  void sto041_stakedPaymasterUsingItsAssociatedStorageInPooledSenderIsAdmitted()
      throws Exception {
    assertAdmittedInTurn(
        validate(CHAIN.contracts().peerOperation()),
        validate(CHAIN.contracts().paymasterOperation(STAKED, peerRead("ENTITY"))));
  }

  /**
   * The recovery re-check is the pipeline's rules-only re-check, as the node wires it; the storage
   * the reader's validation used, read back from RocksDB, still keeps it out of the peer's bundle.
   */
  @Test
  void sto041_storageRecordSurvivesARestartAndKeepsTheReaderOutOfThePeersBundle()
      throws Exception {
    PoolEntry peer = validate(CHAIN.contracts().peerOperation());
    PoolEntry reader = validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER")));
    pool.add(peer);
    pool.add(reader);

    close();
    open(CHAIN.safePipeline()::recheck);
    List<MinedBundle> mined = CHAIN.builder(pool).sendBundleNow();

    assertThat(pool.get(reader.userOpHash())).hasValueSatisfying(
        recovered -> assertThat(recovered.storage()).isEqualTo(reader.storage()));
    assertThat(mined).singleElement().satisfies(bundle -> {
      assertThat(bundle.receipt().status()).isTrue();
      assertThat(bundle.userOpHashes()).containsExactly(peer.userOpHash());
    });
  }

  /** Offers {@code first}, then {@code second}, and asserts that the pool holds both. */
  private void assertAdmittedInTurn(PoolEntry first, PoolEntry second) throws Exception {
    pool.add(first);
    pool.add(second);

    assertThat(pool.dump(CHAIN.contracts().entryPoint())).containsExactly(first, second);
  }

  private void open(RecoveryCheck check) {
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);
    pool = Mempool.open(store, MempoolConfig.defaults(), StakedEntities.NONE, check);
  }

  private void close() {
    pool.close();
    store.close();
  }

  private static Behaviour peerRead(String whose) {
    return new Behaviour(Entry.DIRECT, "PEER_" + whose + "_SLOT_READ");
  }

  private static PoolEntry validate(PackedUserOperation op) throws UserOperationRejectedException {
    return CHAIN.safePipeline().validate(op, CHAIN.contracts().entryPoint());
  }
}
