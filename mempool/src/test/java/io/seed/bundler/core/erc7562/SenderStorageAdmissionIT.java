package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.RuleContracts.PEER;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.STAKED;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ERC-7562 STO-041 from operation to pool: rule-contract operations validated in safe mode on
 * anvil, offered to a durable mempool (RocksDB in a temporary directory). The peer is a rule
 * account that sends an operation of its own; the PEER_* behaviours read its storage. In
 * bundler-core's rule-test package, whose rule chain it uses.
 */
class SenderStorageAdmissionIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  @TempDir Path dir;
  private KvStore store;
  private Mempool pool;

  @BeforeEach
  void openPool() {
    open(RecoveryCheck.NONE);
  }

  @AfterEach
  void closePool() {
    pool.close();
    store.close();
  }

  @Test
  void sto041_accountReadingStorageOfPooledSenderIsRejected() throws Exception {
    pool.add(validate(CHAIN.contracts().peerOperation()));
    PoolEntry reader = validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER")));

    assertRejected(reader, "uses associated storage in " + PEER, "(STO-041)");
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void sto041_accountReadingStorageOfAnAccountWithNothingPooledIsAdmitted() throws Exception {
    pool.add(validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER"))));

    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void sto041_pooledSenderWhoseStorageAPooledOperationUsedIsRejected() throws Exception {
    pool.add(validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER"))));
    PoolEntry peer = validate(CHAIN.contracts().peerOperation());

    assertRejected(peer, "sender " + PEER + " holds associated storage", "(STO-041)");
  }

  @Test
  void sto041_stakedPaymasterUsingItsAssociatedStorageInPooledSenderIsRejected()
      throws Exception {
    pool.add(validate(CHAIN.contracts().peerOperation()));
    PoolEntry sponsored =
        validate(CHAIN.contracts().paymasterOperation(STAKED, peerRead("ENTITY")));

    assertRejected(sponsored, "uses associated storage in " + PEER, "(STO-041)");
  }

  @Test
  void sto041_stakedPaymasterReadingUnassociatedStorageOfPooledSenderIsAdmitted()
      throws Exception {
    pool.add(validate(CHAIN.contracts().peerOperation()));

    pool.add(validate(CHAIN.contracts().paymasterOperation(
        STAKED, new Behaviour(Entry.DIRECT, "PEER_UNASSOCIATED_READ"))));

    assertThat(pool.size()).isEqualTo(2);
  }

  /** The recovery re-check is the pipeline's rules-only re-check, as the node wires it. */
  @Test
  void sto041_storageAPooledOperationUsedSurvivesARestart() throws Exception {
    PoolEntry reader = validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER")));
    pool.add(reader);

    closePool();
    open(CHAIN.safePipeline()::recheck);

    assertThat(pool.get(reader.userOpHash())).hasValueSatisfying(
        recovered -> assertThat(recovered.storage()).isEqualTo(reader.storage()));
    assertRejected(
        validate(CHAIN.contracts().peerOperation()), "sender " + PEER + " holds associated storage",
        "(STO-041)");
  }

  private void open(RecoveryCheck check) {
    store = RocksDbKvStore.open(dir, MempoolSchema.SCHEMA, SyncMode.DURABLE);
    pool = Mempool.open(store, MempoolConfig.defaults(), StakedEntities.NONE, check);
  }

  private void assertRejected(PoolEntry entry, String... fragments) {
    assertThatThrownBy(() -> pool.add(entry))
        .isInstanceOfSatisfying(UserOperationRejectedException.class, rejected -> {
          assertThat(rejected.reason()).isEqualTo(RejectionReason.BANNED_OPCODE);
          assertThat(rejected.getMessage()).contains(fragments);
        });
  }

  private static Behaviour peerRead(String whose) {
    return new Behaviour(Entry.DIRECT, "PEER_" + whose + "_SLOT_READ");
  }

  private static PoolEntry validate(PackedUserOperation op) throws UserOperationRejectedException {
    return CHAIN.safePipeline().validate(op, CHAIN.contracts().entryPoint());
  }
}
