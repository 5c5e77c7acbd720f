package io.seed.bundler.core.erc7562;

import static io.seed.bundler.core.erc7562.RuleContracts.Staking.UNSTAKED;
import static org.assertj.core.api.Assertions.assertThat;

import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.MinedBundle;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.TestPool;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.erc7562.Behaviour.Entry;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ERC-7562 COD-010 through the bundle builder: an operation admitted in safe mode whose validation
 * code (an entity's own, or a contract it reached by CALL or DELEGATECALL) changes before bundling
 * is dropped from the pool, not bundled; one whose code stayed, or where only code validation
 * never touched changed, is bundled. Each test runs on a snapshot of the chain, reverted after.
 */
class CodeHashRuleIT {
  @RegisterExtension static final RuleChain CHAIN = new RuleChain();

  private final NodeClient node = CHAIN.anvil().client();
  private final RuleContracts contracts = CHAIN.contracts();
  private final ValidationPipeline pipeline = CHAIN.safePipeline();
  private final TestPool pool = new TestPool();
  private String snapshot;

  @BeforeEach
  void takeSnapshot() {
    snapshot = node.request("evm_snapshot").join().asText();
  }

  @AfterEach
  void revertToSnapshot() {
    node.request("evm_revert", snapshot).join();
  }

  @ParameterizedTest
  @EnumSource(value = Entry.class, names = {"CALL", "DELEGATECALL"})
  void cod010_accountWhoseReachedCodeChangedBeforeBundlingIsDropped(Entry entry)
      throws Exception {
    admit(contracts.accountOperation(UNSTAKED, new Behaviour(entry, "NOTHING")));

    changeCode(RuleContracts.TARGET);

    assertThat(builder().sendBundleNow()).isEmpty();
    assertThat(pool.size()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Entity.class)
  void cod010_entityWhoseOwnCodeChangedBeforeBundlingIsDropped(Entity entity) throws Exception {
    admit(contracts.operation(entity, UNSTAKED, Behaviour.NONE));

    changeCode(RuleContracts.address(entity, UNSTAKED));

    assertThat(builder().sendBundleNow()).isEmpty();
    assertThat(pool.size()).isZero();
  }

  @Test
  void cod010_operationWhoseValidationCodeStayedIsBundled() throws Exception {
    PoolEntry entry = admit(contracts.accountOperation(UNSTAKED, Behaviour.NONE));

    List<MinedBundle> mined = builder().sendBundleNow();

    assertThat(mined).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(entry.userOpHash()));
  }

  @Test
  void cod010_codeChangeValidationNeverTouchedKeepsTheOperation() throws Exception {
    PoolEntry entry = admit(
        contracts.accountOperation(UNSTAKED, new Behaviour(Entry.CALL, "NOTHING")));

    changeCode(RuleContracts.SINK);

    assertThat(builder().sendBundleNow()).singleElement()
        .satisfies(bundle -> assertThat(bundle.userOpHashes()).containsExactly(entry.userOpHash()));
  }

  private PoolEntry admit(PackedUserOperation op) throws Exception {
    PoolEntry entry = pipeline.validate(op, contracts.entryPoint());
    pool.add(entry);
    return entry;
  }

  /** Appends a byte: the code hash changes, what validation does does not. */
  private void changeCode(Address address) {
    Bytes code = CHAIN.anvil().eth().getCode(address, BlockTag.LATEST).join();
    node.request("anvil_setCode", address, Bytes.concat(code, Bytes.fromHex("0x00"))).join();
  }

  private BundleBuilder builder() {
    TransactionSigner signer = TransactionSigner.fromPrivateKey(
        AnvilAccounts.privateKey(7).toHex(), CHAIN.anvil().chainId());
    List<EntryPoint> entryPoints = List.of(contracts.entryPoint());
    return new BundleBuilder(
        CHAIN.anvil().eth(), signer, entryPoints, pool,
        bundled -> pipeline.validate(bundled.operation(), bundled.entryPoint()),
        new InclusionRecorder(entryPoints, pool, new InMemoryIncludedOperations(16)),
        BuilderConfig.defaults(signer.address()), Clock.systemUTC());
  }
}
