package io.seed.bundler.mempool;

import static io.seed.bundler.mempool.TestOps.V07;
import static io.seed.bundler.mempool.TestOps.V08;
import static io.seed.bundler.mempool.TestOps.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.validation.RejectionReason;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ERC-7562 STO-041 at admission: an operation may not use associated storage (of its account or
 * of a staked entity) in a contract that is the sender of another pooled operation, nor may an
 * operation enter whose sender's storage a pooled one used so. The storage records are what
 * bundler-core's SenderStorageRuleIT shows a traced validation records for such behaviours.
 */
class SenderStorageAdmissionTest {
  private final Mempool pool = Mempool.inMemory(MempoolConfig.defaults(), StakedEntities.NONE);

  @AfterEach
  void closePool() {
    pool.close();
  }

  @Test
  void sto041_accountReadingStorageOfPooledSenderIsRejected() throws Exception {
    PoolEntry peer = TestOps.from(1).build();
    pool.add(peer);

    PoolAssertions.assertRejected(
        pool, usingAssociatedStorageIn(TestOps.from(2), 1), RejectionReason.BANNED_OPCODE,
        "UserOperation of sender " + address(2) + " uses associated storage in " + address(1)
            + ", the sender of another UserOperation currently in mempool (STO-041)");
    assertThat(pool.dump(V07)).containsExactly(peer);
  }

  @Test
  void sto041_accountReadingStorageOfAContractThatSendsNothingIsAdmitted() throws Exception {
    pool.add(TestOps.from(1).build());

    pool.add(usingAssociatedStorageIn(TestOps.from(2), 3));

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void sto041_stakedPaymasterUsingItsAssociatedStorageInPooledSenderIsRejected()
      throws Exception {
    pool.add(TestOps.from(1).build());

    PoolAssertions.assertRejected(
        pool, usingAssociatedStorageIn(TestOps.from(2).paymaster(address(9)), 1),
        RejectionReason.BANNED_OPCODE, "uses associated storage in " + address(1), "(STO-041)");
  }

  @Test
  void sto041_stakedPaymasterReadingUnassociatedStorageOfPooledSenderIsAdmitted()
      throws Exception {
    pool.add(TestOps.from(1).build());

    pool.add(TestOps.from(2).paymaster(address(9))
        .storage(new AccessedStorage(Set.of(address(1)), Set.of()))
        .build());

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void sto041_senderWhoseStorageAPooledOperationUsedIsRejected() throws Exception {
    PoolEntry reader = usingAssociatedStorageIn(TestOps.from(2), 1);
    pool.add(reader);

    PoolAssertions.assertRejected(
        pool, TestOps.from(1).build(), RejectionReason.BANNED_OPCODE,
        "sender " + address(1) + " holds associated storage that 1 other UserOperation(s)"
            + " currently in mempool used in validation (STO-041)");
    assertThat(pool.dump(V07)).containsExactly(reader);
  }

  @Test
  void sto041_senderWhoseStorageNoPooledOperationUsedIsAdmitted() throws Exception {
    pool.add(usingAssociatedStorageIn(TestOps.from(2), 1));

    pool.add(TestOps.from(3).build());

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void sto041_accountUsingAssociatedStorageOfItsOwnPooledOperationsIsAdmitted() throws Exception {
    pool.add(TestOps.from(1).build());

    pool.add(usingAssociatedStorageIn(TestOps.from(1).nonce(0, 1), 1));

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void sto041_replacementOfTheOnlyOperationUsingASendersStorageFreesIt() throws Exception {
    PoolEntry reader = usingAssociatedStorageIn(TestOps.from(2), 1);
    pool.add(reader);
    PoolEntry replacement = TestOps.from(2).fees(100, 20).build();

    pool.add(replacement);
    pool.add(TestOps.from(1).build());

    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void sto041_admitsOnceThePooledSenderHasLeft() throws Exception {
    PoolEntry peer = TestOps.from(1).build();
    pool.add(peer);
    pool.remove(List.of(peer.userOpHash()));

    pool.add(usingAssociatedStorageIn(TestOps.from(2), 1));

    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void sto041_keepsEntryPointsApart() throws Exception {
    pool.add(TestOps.from(1).build());

    pool.add(usingAssociatedStorageIn(TestOps.from(2).entryPoint(V08), 1));

    assertThat(pool.size()).isEqualTo(2);
  }

  /** The operation {@code ops} builds, as if its validation used associated storage in them. */
  private static PoolEntry usingAssociatedStorageIn(TestOps ops, int... contracts) {
    Set<Address> used = new HashSet<>();
    for (int contract : contracts) {
      used.add(address(contract));
    }
    return ops.storage(new AccessedStorage(used, used)).build();
  }
}
