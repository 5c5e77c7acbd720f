package io.seed.bundler.rpc.node;

import com.github.benmanes.caffeine.cache.Ticker;
import io.seed.bundler.core.builder.BuilderConfig;
import io.seed.bundler.core.builder.BundleBuilder;
import io.seed.bundler.core.builder.TransactionSigner;
import io.seed.bundler.core.chain.ChainWatcher;
import io.seed.bundler.core.chain.ChainWatcherConfig;
import io.seed.bundler.core.chain.IncludedOperations;
import io.seed.bundler.core.chain.InclusionRecorder;
import io.seed.bundler.core.chain.UserOperationLookup;
import io.seed.bundler.core.entrypoint.EntryPointSimulationsCode;
import io.seed.bundler.core.erc7562.SafeMode;
import io.seed.bundler.core.erc7562.SafeModeConfig;
import io.seed.bundler.core.gas.GasEstimator;
import io.seed.bundler.core.gas.GasEstimatorConfig;
import io.seed.bundler.core.gas.PreVerificationGasCalculator;
import io.seed.bundler.core.gas.PreVerificationGasConfig;
import io.seed.bundler.core.node.BlockTag;
import io.seed.bundler.core.node.EthApi;
import io.seed.bundler.core.node.HttpNodeClient;
import io.seed.bundler.core.node.NodeClient;
import io.seed.bundler.core.node.NodeClientConfig;
import io.seed.bundler.core.node.NodeFutures;
import io.seed.bundler.core.pool.PoolEntry;
import io.seed.bundler.core.pool.UserOperationPool;
import io.seed.bundler.core.sessionkey.GrantCache;
import io.seed.bundler.core.sessionkey.GrantChangeReader;
import io.seed.bundler.core.sessionkey.GrantLoader;
import io.seed.bundler.core.sessionkey.GrantObserver;
import io.seed.bundler.core.sessionkey.PendingOperations;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidation;
import io.seed.bundler.core.sessionkey.SessionKeyPrevalidator;
import io.seed.bundler.core.sessionkey.SignerVerification;
import io.seed.bundler.core.sessionkey.crypto.SessionKeyRegistry;
import io.seed.bundler.core.sessionkey.kernel.KernelAccountChanges;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionContracts;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionFormat;
import io.seed.bundler.core.sessionkey.kernel.KernelPermissionStateLoader;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionAccountChanges;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionContracts;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionFormat;
import io.seed.bundler.core.sessionkey.smartsessions.SmartSessionGrantLoader;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.UserOperationHasher;
import io.seed.bundler.core.validation.Precheck;
import io.seed.bundler.core.validation.PrecheckConfig;
import io.seed.bundler.core.validation.ValidationConfig;
import io.seed.bundler.core.validation.ValidationPipeline;
import io.seed.bundler.mempool.DurableIncludedOperations;
import io.seed.bundler.mempool.KvReputationStore;
import io.seed.bundler.mempool.Mempool;
import io.seed.bundler.mempool.MempoolSchema;
import io.seed.bundler.mempool.kv.RocksDbKvStore;
import io.seed.bundler.mempool.reputation.EntryPointStakes;
import io.seed.bundler.mempool.reputation.Reputation;
import io.seed.bundler.rpc.jsonrpc.JsonRpcMethodRegistry;
import io.seed.bundler.rpc.jsonrpc.RpcNamespace;
import io.seed.bundler.rpc.methods.DebugBundlerClearMempool;
import io.seed.bundler.rpc.methods.DebugBundlerClearReputation;
import io.seed.bundler.rpc.methods.DebugBundlerClearState;
import io.seed.bundler.rpc.methods.DebugBundlerDumpMempool;
import io.seed.bundler.rpc.methods.DebugBundlerDumpReputation;
import io.seed.bundler.rpc.methods.DebugBundlerGetStakeStatus;
import io.seed.bundler.rpc.methods.DebugBundlerSendBundleNow;
import io.seed.bundler.rpc.methods.DebugBundlerSetBundlingMode;
import io.seed.bundler.rpc.methods.DebugBundlerSetReputation;
import io.seed.bundler.rpc.methods.EthChainId;
import io.seed.bundler.rpc.methods.EthEstimateUserOperationGas;
import io.seed.bundler.rpc.methods.EthGetUserOperationByHash;
import io.seed.bundler.rpc.methods.EthGetUserOperationReceipt;
import io.seed.bundler.rpc.methods.EthSendUserOperation;
import io.seed.bundler.rpc.methods.EthSupportedEntryPoints;
import io.seed.bundler.rpc.methods.SupportedEntryPoints;
import io.seed.bundler.rpc.methods.Web3ClientVersion;
import io.seed.bundler.rpc.server.HealthRoute;
import io.seed.bundler.rpc.server.JsonRpcServer;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import io.seed.bundler.rpc.wire.UserOperationJson;
import io.seed.bundler.rpc.wire.UserOperationJsonLimits;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running bundler: the node client, validation, the mempool, the builder, the chain watcher
 * and the JSON-RPC server, wired together and started in dependency order. Closing it stops them
 * in the reverse order.
 */
public final class BundlerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BundlerNode.class);
  private static final String CLIENT_VERSION = "seed-bundler/" + version();
  private static final int INCLUDED_INDEX_CAPACITY = 100_000;
  private static final long RECEIPT_LOG_SEARCH_BLOCKS = 10_000;
  /** Grants age out so changes on chain that nobody reported cannot live on. */
  private static final Duration GRANT_TIME_TO_LIVE = Duration.ofMinutes(10);
  private static final long MAXIMUM_GRANTS = 100_000;
  /** A permission whose state was read is not read again sooner than this. */
  private static final Duration GRANT_RELOAD_INTERVAL = Duration.ofMinutes(1);
  /**
   * Session keys whose public key (and, once used, its ~88 KB multiplication table) stay cached:
   * about 180 MB at most. A key evicted costs one generic recovery and a table rebuild (~2 ms)
   * when it signs again.
   */
  private static final long MAXIMUM_SESSION_KEYS = 2_048;

  private final Deque<AutoCloseable> resources;
  private final HealthRoute health = new HealthRoute();
  private final InetSocketAddress address;
  private final long chainId;
  private final TransactionSigner signer;

  private BundlerNode(BundlerNodeConfig config, Clock clock, Deque<AutoCloseable> resources)
      throws Exception {
    this.resources = resources;
    HttpNodeClient node = own(new HttpNodeClient(NodeClientConfig.of(config.nodeUrl())));
    EthApi eth = new EthApi(node);
    chainId = NodeFutures.await(eth.chainId());
    requireEntryPointsDeployed(eth, config.entryPoints());
    signer = TransactionSigner.fromPrivateKey(config.signerPrivateKey(), chainId);

    UserOperationHasher hasher = new UserOperationHasher();
    EntryPointSimulationsCode simulationsCode = new EntryPointSimulationsCode(node);
    PreVerificationGasCalculator preVerificationGas =
        new PreVerificationGasCalculator(PreVerificationGasConfig.MAINNET);
    Precheck precheck = new Precheck(PrecheckConfig.DEFAULTS, preVerificationGas);
    // Recovery re-checks the stored operations before the pool exists, so it simulates them all
    // without the session-key pre-validation, which reads the pool's pending operations.
    ValidationPipeline recoveryPipeline =
        safeMode(
            config, node,
            new ValidationPipeline(
                eth, simulationsCode, precheck, hasher, chainId, ValidationConfig.DEFAULTS, clock));
    GasEstimator estimator =
        new GasEstimator(
            eth, simulationsCode, preVerificationGas, hasher, chainId,
            GasEstimatorConfig.DEFAULTS);

    RocksDbKvStore store =
        own(RocksDbKvStore.open(
            config.dataDirectory().resolve("mempool"), MempoolSchema.SCHEMA, config.poolSync()));
    Reputation reputation =
        Reputation.open(new KvReputationStore(store), config.reputation(), clock);
    Mempool pool =
        own(Mempool.open(
            store, config.mempool(), reputation,
            recoveryPipeline::recheck));
    LOG.info("mempool open in {} with {} pending operations", config.dataDirectory(), pool.size());

    List<EntryPoint> entryPoints = config.entryPoints();
    SessionKeys sessionKeys = sessionKeys(pool, entryPoints, chainId, eth);
    ValidationPipeline pipeline = recoveryPipeline.withPrevalidation(sessionKeys.prevalidation());
    IncludedOperations included = DurableIncludedOperations.open(store, INCLUDED_INDEX_CAPACITY);
    InclusionRecorder recorder =
        new InclusionRecorder(
            entryPoints, pool, included, reputation::included);
    ChainWatcher watcher =
        new ChainWatcher(
            eth, entryPoints, recorder, included, pool,
            new ChainWatcherConfig(
                config.pollInterval(), ChainWatcherConfig.defaults().reorgDepth(),
                ChainWatcherConfig.defaults().maxBlocksPerPoll()),
            head -> pool.setBaseFee(Objects.requireNonNullElse(head.baseFeePerGas(), BigInteger.ZERO)),
            sessionKeys.observer());
    BuilderConfig defaults = BuilderConfig.defaults(signer.address());
    BundleBuilder builder =
        new BundleBuilder(
            eth, signer, entryPoints, pool,
            pipeline::recheck, recorder,
            new BuilderConfig(
                defaults.beneficiary(), defaults.maxBundleGas(), defaults.maxBundleOperations(),
                defaults.bundleGasOverhead(), config.pollInterval(), config.priorityFeePerGas(),
                defaults.priorityFeeFromNode(), defaults.replacementBlocks(),
                defaults.feeBumpPercent(), defaults.expiryMarginSeconds(),
                defaults.bundleTimeout(), config.bundlingMode()),
            reputation, clock);
    UserOperationLookup lookup =
        new UserOperationLookup(eth, entryPoints, included, RECEIPT_LOG_SEARCH_BLOCKS);

    SupportedEntryPoints supported = new SupportedEntryPoints(entryPoints);
    UserOperationJson json = new UserOperationJson(UserOperationJsonLimits.DEFAULTS);
    JsonRpcMethodRegistry methods =
        JsonRpcMethodRegistry.builder(namespaces(config))
            .group(
                RpcNamespace.ETH,
                List.of(
                    new EthChainId(chainId),
                    new EthSupportedEntryPoints(supported),
                    new EthSendUserOperation(supported, json, pipeline, pool),
                    new EthEstimateUserOperationGas(supported, json, estimator),
                    new EthGetUserOperationByHash(pool, lookup, json),
                    new EthGetUserOperationReceipt(lookup)))
            .group(RpcNamespace.WEB3, List.of(new Web3ClientVersion(CLIENT_VERSION)))
            .group(
                RpcNamespace.DEBUG_BUNDLER,
                List.of(
                    new DebugBundlerClearState(pool, reputation),
                    new DebugBundlerClearMempool(pool),
                    new DebugBundlerDumpMempool(supported, pool, json),
                    new DebugBundlerSetBundlingMode(builder),
                    new DebugBundlerSendBundleNow(builder),
                    new DebugBundlerSetReputation(supported, reputation),
                    new DebugBundlerDumpReputation(supported, reputation),
                    new DebugBundlerClearReputation(reputation),
                    new DebugBundlerGetStakeStatus(
                        supported,
                        new EntryPointStakes(eth, simulationsCode, config.reputation()))))
            .build();

    watcher.start();
    own(watcher::stop);
    builder.start();
    own(builder::stop);
    JsonRpcServer server =
        own(new JsonRpcServer(
            config.server(), methods,
            Map.of("/health", health, "/metrics", new MetricsRoute(node, pool))));
    address = server.start();
    own(health::markNotReady);
    health.markReady();
  }

  /**
   * Starts a bundler with {@code config}. On failure everything started so far is stopped again.
   *
   * @throws Exception when the node cannot be reached, an EntryPoint is missing, the mempool
   *     cannot be opened or the port cannot be bound; the message says which
   */
  public static BundlerNode start(BundlerNodeConfig config, Clock clock) throws Exception {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      return new BundlerNode(config, clock, resources);
    } catch (Exception | Error failure) {
      closeAll(resources);
      throw failure;
    }
  }

  /** Where the JSON-RPC server listens. */
  public InetSocketAddress address() {
    return address;
  }

  /** The chain the node serves. */
  public long chainId() {
    return chainId;
  }

  /** The address that signs and pays for bundles. */
  public io.seed.bundler.core.types.Address signerAddress() {
    return signer.address();
  }

  /** Stops the server first, so no request arrives while the rest shuts down. */
  @Override
  public void close() {
    closeAll(resources);
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
      }
    }
  }

  private <T extends AutoCloseable> T own(T resource) {
    resources.push(resource);
    return resource;
  }

  /** Session-key pre-validation and the observer that keeps its grants in step with the chain. */
  private record SessionKeys(SessionKeyPrevalidation prevalidation, GrantObserver observer) {}

  /**
   * Session-key pre-validation for the ZeroDev Kernel v3 permission and Smart Sessions
   * deployments, counting the operations {@code pool} holds for the same account and reading
   * Kernel permissions and Smart Sessions from the chain through {@code eth} on a miss. Building
   * the key registry builds the secp256k1 generator table (most of a second), here at startup
   * rather than in the first request.
   */
  private static SessionKeys sessionKeys(
      UserOperationPool pool, List<EntryPoint> entryPoints, long chainId, EthApi eth) {
    KernelPermissionContracts kernel = KernelPermissionContracts.zeroDevDeployments();
    SmartSessionContracts smartSessions = SmartSessionContracts.rhinestoneDeployments();
    GrantCache grants = new GrantCache(Ticker.systemTicker(), GRANT_TIME_TO_LIVE, MAXIMUM_GRANTS);
    PendingOperations pending = grant -> entryPoints.stream()
        .filter(entryPoint -> entryPoint.address().equals(grant.entryPoint()))
        .flatMap(entryPoint -> pool.pendingOf(entryPoint, grant.account()).stream())
        .map(PoolEntry::operation)
        .toList();
    SessionKeyPrevalidator prevalidator =
        new SessionKeyPrevalidator(
            List.of(
                new KernelPermissionFormat(kernel),
                new SmartSessionFormat(smartSessions)),
            grants,
            new SignerVerification(new SessionKeyRegistry(MAXIMUM_SESSION_KEYS)),
            pending,
            ValidationConfig.DEFAULTS.expiryMargin().toSeconds(),
            GrantLoader.all(List.of(
                new KernelPermissionStateLoader(
                    eth, grants, kernel, Ticker.systemTicker(), GRANT_RELOAD_INTERVAL,
                    MAXIMUM_GRANTS),
                new SmartSessionGrantLoader(
                    eth, grants, smartSessions, Ticker.systemTicker(), GRANT_RELOAD_INTERVAL,
                    MAXIMUM_GRANTS))));
    return new SessionKeys(
        new SessionKeyPrevalidation(prevalidator, grants, chainId),
        new GrantObserver(
            eth, prevalidator, grants,
            GrantChangeReader.all(List.of(
                new KernelAccountChanges(kernel), new SmartSessionAccountChanges(smartSessions))),
            chainId, ChainWatcherConfig.defaults().reorgDepth()));
  }

  /**
   * {@code pipeline} with the ERC-7562 rules when the configuration asks for them; fails to start
   * when the node cannot trace, naming what it lacks.
   */
  private static ValidationPipeline safeMode(
      BundlerNodeConfig config, NodeClient node, ValidationPipeline pipeline) {
    if (!config.safeMode()) {
      LOG.warn("Unsafe mode: operations are simulated without the ERC-7562 rules");
      return pipeline;
    }
    SafeModeConfig stake =
        new SafeModeConfig(
            config.reputation().minStake(),
            Duration.ofSeconds(config.reputation().minUnstakeDelaySeconds()));
    return pipeline.withSafeMode(NodeFutures.await(SafeMode.detect(node, stake)));
  }

  private static Set<RpcNamespace> namespaces(BundlerNodeConfig config) {
    Set<RpcNamespace> enabled = EnumSet.of(RpcNamespace.ETH, RpcNamespace.WEB3);
    if (config.debugApi()) {
      enabled.add(RpcNamespace.DEBUG_BUNDLER);
    }
    return enabled;
  }

  private void requireEntryPointsDeployed(EthApi eth, List<EntryPoint> entryPoints) {
    for (EntryPoint entryPoint : entryPoints) {
      if (NodeFutures.await(eth.getCode(entryPoint.address(), BlockTag.LATEST)).isEmpty()) {
        throw new IllegalStateException(
            "no contract at EntryPoint v" + entryPoint.version().label() + " address "
                + entryPoint.address() + " on chain " + chainId);
      }
    }
  }

  private static String version() {
    String version = BundlerNode.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
