package io.seed.bundler.core.erc7562;

import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.InMemoryIncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.validation.ValidationPipeline;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One anvil per test class with the rule contracts deployed once and the two pipelines that judge
 * them. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final RuleChain CHAIN = new RuleChain();
 * }</pre>
 */
final class RuleChain implements BeforeAllCallback, AfterAllCallback {
  private final AnvilFixture anvil = new AnvilFixture();
  private RuleContracts contracts;
  private RuleVerdicts verdicts;

  @Override
  public void beforeAll(ExtensionContext context) throws InterruptedException {
    anvil.beforeAll(context);
    contracts = RuleContracts.deploy(anvil);
    verdicts = new RuleVerdicts(anvil, contracts.entryPoint());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    anvil.afterAll(context);
  }

  /** Asserts the verdict of {@code rule} on this chain. */
  void judge(RuleCase rule) {
    rule.judge(contracts, verdicts);
  }

  AnvilFixture anvil() {
    return anvil;
  }

  RuleContracts contracts() {
    return contracts;
  }

  /** The validation pipeline in safe mode. */
  ValidationPipeline safePipeline() {
    return verdicts.safe();
  }

  /**
   * A builder that bundles {@code pool}'s operations for the rule EntryPoint on demand, re-checking
   * them with the safe pipeline's re-check as the node wires it.
   */
  BundleBuilder builder(UserOperationPool pool) {
    TransactionSigner signer = TransactionSigner.fromPrivateKey(
        AnvilAccounts.privateKey(7).toHex(), anvil.chainId());
    List<EntryPoint> entryPoints = List.of(contracts.entryPoint());
    return new BundleBuilder(
        anvil.eth(), signer, entryPoints, pool, safePipeline()::recheck,
        new InclusionRecorder(entryPoints, pool, new InMemoryIncludedOperations(16)),
        BuilderConfig.defaults(signer.address()), Clock.systemUTC());
  }
}
