package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.RuleContracts.Staking.STAKED;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.MinedBundle;
import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.userop.EntryPoint;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ERC-7562 STO-041 on a chain, where it is enforced: in the bundle. Two operations, one of whose
 * validation reads the storage of the other's sender, are bundled apart, in the safe-mode
 * pipeline's re-check as the node wires it. Mines its operations, so it has a chain of its own.
 */
class SenderStorageBundleIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  /**
   * A staked paymaster may read any storage of a non-entity contract (STO-033), and the pool
   * admits its operation beside the peer's; one bundle must not carry both, since the peer's
   * validation and execution run before the reader's in it. Each goes in its own bundle, and both
   * are mined.
   */
  @Test
  void sto041_operationReadingAnotherSendersStorageGoesInALaterBundleAndBothAreMined()
      throws Exception {
    EntryPoint entryPoint = CHAIN.contracts().entryPoint();
    PoolEntry peer = CHAIN.safePipeline().validate(CHAIN.contracts().peerOperation(), entryPoint);
    PoolEntry reader = CHAIN.safePipeline().validate(CHAIN.contracts().paymasterOperation(
        STAKED, new Behaviour(Entry.DIRECT, "PEER_UNASSOCIATED_READ")), entryPoint);
    TestPool pool = new TestPool();
    pool.add(peer);
    pool.add(reader);
    BundleBuilder builder = CHAIN.builder(pool);

    List<MinedBundle> first = builder.sendBundleNow();
    List<MinedBundle> second = builder.sendBundleNow();

    assertThat(first).singleElement().satisfies(bundle -> {
      assertThat(bundle.receipt().status()).isTrue();
      assertThat(bundle.userOpHashes()).containsExactly(peer.userOpHash());
    });
    assertThat(second).singleElement().satisfies(bundle -> {
      assertThat(bundle.receipt().status()).isTrue();
      assertThat(bundle.userOpHashes()).containsExactly(reader.userOpHash());
    });
    assertThat(pool.size()).isZero();
  }
}
