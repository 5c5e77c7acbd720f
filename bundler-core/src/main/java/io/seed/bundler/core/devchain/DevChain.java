package io.seed.bundler.core.devchain;

import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.CallRequest;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.node.TransactionReceipt;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * A local anvil chain with EntryPoint v0.7 and v0.8 and their SimpleAccountFactories at the
 * canonical addresses, deployed through the CREATE2 deployer from the npm artifacts. Starting is
 * idempotent towards a chain that already has the contracts. {@link #close()} stops anvil; a
 * caller that wants anvil gone on JVM exit registers its own shutdown hook calling it.
 */
public final class DevChain implements AutoCloseable {
  /** The deterministic-deployment proxy anvil predeploys. */
  public static final Address CREATE2_DEPLOYER =
      Address.fromHex("0x4e59b44847b379578588920ca78fbf26c0b4956c");

  private static final Duration RECEIPT_POLL = Duration.ofMillis(20);
  private static final Map<EntryPointVersion, Canonical> CANONICAL = Map.of(
      EntryPointVersion.V0_7,
      new Canonical(
          "contracts-v07",
          Bytes32.fromHex("0x90d8084deab30c2a37c45e8d47f49f2f7965183cb6990a98943ef94940681de3"),
          Address.fromHex("0x91E60e0613810449d098b0b5Ec8b51A0FE8c8985")),
      EntryPointVersion.V0_8,
      new Canonical(
          "contracts-v08",
          Bytes32.fromHex("0x0a59dbff790c23c976a548690c27297883cc66b4c67024f9117b0238995e35e9"),
          Address.fromHex("0x13E9ed32155810FDbd067D4522C492D6f68E5944")));

  private final DevChainConfig config;
  private final AnvilProcess anvil;
  private final NodeClient client;
  private final EthApi eth;
  private final long chainId;

  private DevChain(DevChainConfig config, AnvilProcess anvil, NodeClient client, long chainId) {
    this.config = config;
    this.anvil = anvil;
    this.client = client;
    this.eth = new EthApi(client);
    this.chainId = chainId;
  }

  /**
   * Starts anvil, waits until it answers, and deploys EntryPoint v0.7 and v0.8 with their
   * SimpleAccountFactories unless they are already there.
   *
   * @throws IllegalStateException when anvil does not start or a contract does not land where it
   *     must
   */
  public static DevChain start(DevChainConfig config) {
    AnvilProcess anvil = AnvilProcess.start(config);
    NodeClient client = new HttpNodeClient(NodeClientConfig.of(anvil.url()));
    try {
      DevChain chain = new DevChain(config, anvil, client, new EthApi(client).chainId().join());
      chain.deployCanonicalContracts();
      return chain;
    } catch (RuntimeException e) {
      client.close();
      anvil.stop();
      throw e;
    }
  }

  /** The chain's JSON-RPC endpoint. */
  public URI url() {
    return anvil.url();
  }

  /** The chain id (31337 unless anvil was told otherwise). */
  public long chainId() {
    return chainId;
  }

  /** The deployed EntryPoint v0.7 or v0.8 at its canonical address. */
  public EntryPoint entryPoint(EntryPointVersion version) {
    requireCanonical(version);
    return EntryPoint.canonical(version);
  }

  /** The SimpleAccountFactory deployed for EntryPoint v0.7 or v0.8. */
  public Address simpleAccountFactory(EntryPointVersion version) {
    return requireCanonical(version).factory();
  }

  /**
   * Deploys EntryPoint v0.6 from its npm artifact through the CREATE2 deployer with salt zero,
   * which reproduces its canonical address (or finds it there). Not done at start: only v0.6
   * tests want it.
   */
  public EntryPoint deployEntryPointV06() {
    ContractArtifact artifact = ContractArtifact.load(config.e2eDir(), "contracts-v06", "EntryPoint");
    deployAll(List.of(new Deployment(artifact.name(), Bytes32.ZERO, artifact.creationCode(),
        EntryPointVersion.V0_6.canonicalAddress())));
    return EntryPoint.canonical(EntryPointVersion.V0_6);
  }

  /** Sets the balance of {@code account} to {@code wei}. */
  public void fund(Address account, BigInteger wei) {
    client.request("anvil_setBalance", account, wei).join();
  }

  /** Stops anvil; the chain's state is gone. */
  @Override
  public void close() {
    client.close();
    anvil.stop();
  }

  /** Where {@code initCode} deployed by the CREATE2 deployer with {@code salt} lands. */
  static Address create2Address(Bytes32 salt, Bytes initCode) {
    byte[] preimage = new byte[1 + Address.LENGTH + 2 * Bytes32.LENGTH];
    preimage[0] = (byte) 0xff;
    CREATE2_DEPLOYER.copyTo(preimage, 1);
    salt.copyTo(preimage, 1 + Address.LENGTH);
    System.arraycopy(Hash.sha3(initCode.toArray()), 0, preimage, 1 + Address.LENGTH + Bytes32.LENGTH, Bytes32.LENGTH);
    return Address.fromWord(Hash.sha3(preimage), 0);
  }

  private void deployCanonicalContracts() {
    List<Deployment> deployments = new ArrayList<>();
    for (EntryPointVersion version : List.of(EntryPointVersion.V0_7, EntryPointVersion.V0_8)) {
      Canonical canonical = CANONICAL.get(version);
      ContractArtifact entryPoint = ContractArtifact.load(config.e2eDir(), canonical.packageAlias(), "EntryPoint");
      ContractArtifact factory =
          ContractArtifact.load(config.e2eDir(), canonical.packageAlias(), "SimpleAccountFactory");
      Bytes factoryInitCode = Bytes.concat(factory.creationCode(), addressWord(version.canonicalAddress()));
      deployments.add(new Deployment(entryPoint.name(), canonical.entryPointSalt(),
          entryPoint.creationCode(), version.canonicalAddress()));
      deployments.add(new Deployment(factory.name(), Bytes32.ZERO, factoryInitCode, canonical.factory()));
    }
    deployAll(deployments);
  }

  /**
   * Sends every deployment whose address has no code yet, in order (a factory's constructor reads
   * its EntryPoint, and transactions of one block run in nonce order), then checks the code is
   * there.
   */
  private void deployAll(List<Deployment> deployments) {
    for (Deployment deployment : deployments) {
      Address predicted = create2Address(deployment.salt(), deployment.initCode());
      if (!predicted.equals(deployment.expected())) {
        throw new IllegalStateException(deployment.name() + " would land at " + predicted
            + ", not at " + deployment.expected() + ": the artifact is not the expected build");
      }
    }
    List<Deployment> sent = new ArrayList<>();
    List<Bytes32> hashes = new ArrayList<>();
    for (Deployment deployment : deployments) {
      if (!hasCode(deployment.expected())) {
        Bytes data = Bytes.concat(Bytes.wrap(deployment.salt().toArray()), deployment.initCode());
        CallRequest transaction = new CallRequest(AnvilAccounts.address(0), CREATE2_DEPLOYER, data, null, null);
        hashes.add(Bytes32.fromHex(client.request("eth_sendTransaction", transaction).join().asText()));
        sent.add(deployment);
      }
    }
    for (int i = 0; i < sent.size(); i++) {
      TransactionReceipt receipt = awaitReceipt(hashes.get(i));
      if (!receipt.status() || !hasCode(sent.get(i).expected())) {
        throw new IllegalStateException("deploying " + sent.get(i).name() + " at " + sent.get(i).expected()
            + " failed: transaction " + hashes.get(i) + " left no code there");
      }
    }
  }

  private boolean hasCode(Address address) {
    return !eth.getCode(address, BlockTag.LATEST).join().isEmpty();
  }

  private TransactionReceipt awaitReceipt(Bytes32 hash) {
    long attempts = Math.max(1, config.startTimeout().toMillis() / RECEIPT_POLL.toMillis());
    for (long attempt = 0; attempt < attempts; attempt++) {
      Optional<TransactionReceipt> receipt = eth.getTransactionReceipt(hash).join();
      if (receipt.isPresent()) {
        return receipt.get();
      }
      try {
        Thread.sleep(RECEIPT_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + hash, e);
      }
    }
    throw new IllegalStateException("transaction " + hash + " was not mined within " + config.startTimeout());
  }

  private static Canonical requireCanonical(EntryPointVersion version) {
    Canonical canonical = CANONICAL.get(version);
    if (canonical == null) {
      throw new IllegalArgumentException(
          "EntryPoint " + version.label() + " is not deployed at start; use deployEntryPointV06()");
    }
    return canonical;
  }

  private static Bytes addressWord(Address address) {
    byte[] word = new byte[Bytes32.LENGTH];
    address.copyTo(word, Bytes32.LENGTH - Address.LENGTH);
    return Bytes.wrap(word);
  }

  /** Where a release's npm package is and where its contracts land. */
  private record Canonical(String packageAlias, Bytes32 entryPointSalt, Address factory) {}

  private record Deployment(String name, Bytes32 salt, Bytes initCode, Address expected) {}
}
