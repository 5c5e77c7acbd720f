package io.seed.bundler.rpc.node;

import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link BundlerNode} needs to run against one chain.
 *
 * @param nodeUrl the Ethereum node's JSON-RPC URL
 * @param entryPoints the EntryPoints served, in the order {@code eth_supportedEntryPoints} lists
 * @param signerPrivateKey the bundler's key as hex; never logged, redacted from {@link #toString}
 * @param server where and how the JSON-RPC server listens
 * @param dataDirectory where the durable mempool lives
 * @param poolSync whether each accepted operation is synced to disk before it is acknowledged
 * @param mempool the pool's limits
 * @param reputation ERC-7562 reputation parameters and the stake an entity needs to count as
 *     staked
 * @param bundlingMode whether bundles are built automatically or only on request
 * @param priorityFeePerGas the tip the bundle transactions offer
 * @param pollInterval how often the builder and the chain watcher look at the chain
 * @param debugApi whether the {@code debug_bundler} methods are served (they clear the pool and
 *     steer bundling, so never on a public endpoint)
 * @param safeMode whether validation enforces the ERC-7562 rules on a trace (the node must
 *     support {@code debug_traceCall} with JavaScript tracers); without it operations are only
 *     simulated ({@code --unsafe})
 */
public record BundlerNodeConfig(
    URI nodeUrl,
    List<EntryPoint> entryPoints,
    String signerPrivateKey,
    JsonRpcServerConfig server,
    Path dataDirectory,
    SyncMode poolSync,
    MempoolConfig mempool,
    ReputationConfig reputation,
    BundlingMode bundlingMode,
    BigInteger priorityFeePerGas,
    Duration pollInterval,
    boolean debugApi,
    boolean safeMode) {

  public BundlerNodeConfig {
    Objects.requireNonNull(nodeUrl, "nodeUrl");
    entryPoints = List.copyOf(entryPoints);
    if (entryPoints.isEmpty()) {
      throw new IllegalArgumentException("at least one EntryPoint must be served");
    }
    Objects.requireNonNull(signerPrivateKey, "signerPrivateKey");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(poolSync, "poolSync");
    Objects.requireNonNull(mempool, "mempool");
    Objects.requireNonNull(reputation, "reputation");
    Objects.requireNonNull(bundlingMode, "bundlingMode");
    Objects.requireNonNull(priorityFeePerGas, "priorityFeePerGas");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  @Override
  public String toString() {
    return "BundlerNodeConfig[nodeUrl=" + nodeUrl + ", entryPoints=" + entryPoints
        + ", signerPrivateKey=<redacted>, server=" + server + ", dataDirectory=" + dataDirectory
        + ", poolSync=" + poolSync + ", mempool=" + mempool + ", reputation=" + reputation + ", bundlingMode=" + bundlingMode
        + ", priorityFeePerGas=" + priorityFeePerGas + ", pollInterval=" + pollInterval
        + ", debugApi=" + debugApi + ", safeMode=" + safeMode + "]";
  }
}
