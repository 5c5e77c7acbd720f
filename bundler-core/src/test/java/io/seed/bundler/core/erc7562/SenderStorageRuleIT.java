package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.RuleContracts.PEER;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.STAKED;
import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.pool.AccessedStorage;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the trace tells the builder for ERC-7562 STO-041: the contracts whose storage validation
 * used, whether the storage there is associated with the account, with a staked entity or with
 * neither. {@link SenderStorageBundleIT} shows the builder keeping such operations apart. The peer
 * is a rule account that sends an operation of its own.
 */
class SenderStorageRuleIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  @Test
  void sto041_accountReadingStorageAssociatedWithItInAnotherSenderRecordsThatSender()
      throws Exception {
    PoolEntry entry = validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER")));

    assertThat(entry.storage()).isEqualTo(new AccessedStorage(Set.of(PEER)));
  }

  @Test
  void sto041_accountReadingStorageAssociatedWithItByCallRecordsThatSender() throws Exception {
    PoolEntry entry = validate(CHAIN.contracts().accountOperation(
        UNSTAKED, new Behaviour(Entry.CALL, "PEER_SENDER_SLOT_READ")));

    assertThat(entry.storage()).isEqualTo(new AccessedStorage(Set.of(PEER)));
  }

  @Test
  void sto041_stakedPaymasterReadingStorageAssociatedWithItRecordsThatSender() throws Exception {
    PoolEntry entry =
        validate(CHAIN.contracts().paymasterOperation(STAKED, peerRead("ENTITY")));

    assertThat(entry.storage()).isEqualTo(new AccessedStorage(Set.of(PEER)));
  }

  @Test
  void sto041_stakedPaymasterReadingUnassociatedStorageOfAnotherSenderRecordsThatSender()
      throws Exception {
    PoolEntry entry = validate(CHAIN.contracts().paymasterOperation(
        STAKED, new Behaviour(Entry.DIRECT, "PEER_UNASSOCIATED_READ")));

    assertThat(entry.storage()).isEqualTo(new AccessedStorage(Set.of(PEER)));
  }

  @Test
  void sto041_accountUsingOnlyItsOwnStorageRecordsNoContract() throws Exception {
    PoolEntry entry = validate(CHAIN.contracts().accountOperation(
        UNSTAKED, new Behaviour(Entry.DIRECT, "SELF_WRITE")));

    assertThat(entry.storage()).isEqualTo(AccessedStorage.NONE);
  }

  @Test
  void sto041_recheckRecordsTheStorageAgainAndKeepsTheRecordedCodeHashes() throws Exception {
    ValidationPipeline pipeline = CHAIN.safePipeline();
    PoolEntry entry = validate(CHAIN.contracts().accountOperation(UNSTAKED, peerRead("SENDER")));

    PoolEntry rechecked = pipeline.recheck(entry);

    assertThat(rechecked.storage()).isEqualTo(entry.storage());
    assertThat(rechecked.codeHashes()).isEqualTo(entry.codeHashes());
    assertThat(rechecked.receivedAt()).isEqualTo(entry.receivedAt());
    assertThat(rechecked.userOpHash()).isEqualTo(entry.userOpHash());
  }

  private static Behaviour peerRead(String whose) {
    return new Behaviour(Entry.DIRECT, "PEER_" + whose + "_SLOT_READ");
  }

  private static PoolEntry validate(PackedUserOperation op)
      throws Exception {
    return CHAIN.safePipeline().validate(op, CHAIN.contracts().entryPoint());
  }
}
