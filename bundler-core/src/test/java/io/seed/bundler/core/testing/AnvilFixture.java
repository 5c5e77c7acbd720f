package io.seed.bundler.core.testing;

import io.seed.bundler.core.devchain.DevChain;
import io.seed.bundler.core.devchain.DevChainConfig;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real anvil per test class: auto-mining, on a free port, with EntryPoint v0.7 and v0.8 and
 * their SimpleAccountFactories deployed. Register it in a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final AnvilFixture ANVIL = new AnvilFixture();
 * }</pre>
 *
 * <p>Anvil and the EntryPoint artifacts come from the directory in the system property {@value
 * #E2E_DIR_PROPERTY}, which failsafe sets for {@code *IT} classes.
 */
public final class AnvilFixture implements BeforeAllCallback, AfterAllCallback {
  /** The system property naming the e2e directory. */
  public static final String E2E_DIR_PROPERTY = "bundler.e2e.dir";

  private DevChain chain;
  private NodeClient client;
  private EthApi eth;

  /** The e2e directory from {@value #E2E_DIR_PROPERTY}. */
  public static Path e2eDir() {
    String dir = System.getProperty(E2E_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException("system property " + E2E_DIR_PROPERTY
          + " is not set; failsafe sets it for *IT tests (mvn verify)");
    }
    return Path.of(dir);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    chain = DevChain.start(DevChainConfig.autoMining(e2eDir()));
    client = new HttpNodeClient(NodeClientConfig.of(chain.url()));
    eth = new EthApi(client);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (chain != null) {
      chain.close();
    }
  }

  /** The running chain. */
  public DevChain chain() {
    return chain;
  }

  /** A client of the chain for this test class (not shared with the chain's own deployments). */
  public NodeClient client() {
    return client;
  }

  /** The typed facade over {@link #client()}. */
  public EthApi eth() {
    return eth;
  }

  /** The chain id. */
  public long chainId() {
    return chain.chainId();
  }

  /** The canonical EntryPoint v0.7 or v0.8 deployed on the chain. */
  public EntryPoint entryPoint(EntryPointVersion version) {
    return chain.entryPoint(version);
  }
}
