package io.seed.bundler.rpc.cli;

import io.seed.bundler.core.builder.BundlingMode;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.mempool.MempoolConfig;
import io.seed.bundler.mempool.kv.SyncMode;
import io.seed.bundler.mempool.reputation.ReputationConfig;
import io.seed.bundler.rpc.node.BundlerNodeConfig;
import io.seed.bundler.rpc.server.JsonRpcServerConfig;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The options both commands share, and their conversion into a {@link BundlerNodeConfig}: the only
 * place where flags and environment variables become domain configuration.
 */
final class BundlerOptions {
  static final List<CliOption> SHARED =
      List.of(
          CliOption.value("host", "127.0.0.1", "interface the JSON-RPC server binds"),
          CliOption.value("port", "4337", "JSON-RPC port (HTTP and WebSocket; /rpc, /health, /metrics)"),
          CliOption.value("max-body-bytes", "1048576", "largest request body accepted"),
          CliOption.value("data-dir", null, "directory of the durable mempool (RocksDB)"),
          CliOption.value("pool.sync", "durable",
              "durable: each accepted operation is fsynced before it is acknowledged; unsynced: not"),
          CliOption.value("pool.max-ops", "8192", "most operations the mempool holds"),
          CliOption.value("pool.max-ops-per-sender", "4", "pending operations per unstaked sender"),
          CliOption.value("reputation.min-stake", "1000000000000000000",
              "least stake, in wei, that makes an entity staked (ERC-7562 MIN_STAKE_VALUE)"),
          CliOption.value("reputation.min-unstake-delay", "86400",
              "least unstake delay, in seconds, that makes an entity staked (MIN_UNSTAKE_DELAY)"),
          CliOption.toggle("unsafe",
              "skip the ERC-7562 rules (no debug_traceCall): operations are only simulated, so"
                  + " ones that pass simulation and fail on chain can drain the bundler"),
          CliOption.value("bundling-mode", "auto", "auto: bundle on every poll; manual: only on request"),
          CliOption.value("priority-fee", "1000000000", "tip of the bundle transactions, in wei"),
          CliOption.value("poll-interval-ms", "1000", "how often the builder and the chain watcher poll"));

  private static final String DEBUG_API_DESCRIPTION =
      "serve the debug_bundler methods (clear the pool, bundle on request); never on a public port";

  /** {@code run} serves production traffic: the debug methods stay off unless asked for. */
  static final CliOption DEBUG_API_OFF = CliOption.toggle("debug-api", DEBUG_API_DESCRIPTION);

  /** {@code dev} serves tests and the spec test suite, which drive bundling through them. */
  static final CliOption DEBUG_API_ON =
      new CliOption("debug-api", "true", true, DEBUG_API_DESCRIPTION);

  private BundlerOptions() {}

  static BundlerNodeConfig toDomainObject(
      CliArguments args, URI nodeUrl, List<EntryPoint> entryPoints, String signerKey, Path dataDir)
      throws CliException {
    JsonRpcServerConfig defaults = JsonRpcServerConfig.defaults();
    JsonRpcServerConfig server =
        new JsonRpcServerConfig(
            args.required("host"), port(args, "port"), args.integer("max-body-bytes"),
            defaults.maxBatchSize(), defaults.websocketEnabled(), defaults.corsAllowedOrigins());
    MempoolConfig poolDefaults = MempoolConfig.defaults();
    MempoolConfig pool =
        new MempoolConfig(
            args.integer("pool.max-ops"), poolDefaults.maxBytes(),
            args.integer("pool.max-ops-per-sender"), poolDefaults.replacementFeeBumpPercent(),
            poolDefaults.maxEvictionsPerAdmission(), poolDefaults.recoveryParallelism());
    ReputationConfig reputation =
        ReputationConfig.defaults()
            .withStakeRequirement(
                wei(args, "reputation.min-stake"), args.longValue("reputation.min-unstake-delay"));
    return new BundlerNodeConfig(
        nodeUrl, entryPoints, signerKey, server, dataDir,
        choice(args, "pool.sync", SyncMode.class), pool, reputation,
        choice(args, "bundling-mode", BundlingMode.class),
        BigInteger.valueOf(args.longValue("priority-fee")),
        Duration.ofMillis(args.longValue("poll-interval-ms")),
        args.isSet("debug-api"),
        !args.isSet("unsafe"));
  }

  private static BigInteger wei(CliArguments args, String flag) throws CliException {
    String raw = args.required(flag);
    try {
      BigInteger wei = new BigInteger(raw);
      if (wei.signum() >= 0) {
        return wei;
      }
    } catch (NumberFormatException e) {
      // reported below, with the flag's name
    }
    throw new CliException("--" + flag + " must be an amount of wei, got '" + raw + "'");
  }

  static int port(CliArguments args, String flag) throws CliException {
    int port = args.integer(flag);
    if (port < 0 || port > 65_535) {
      throw new CliException("--" + flag + " must be a port number, got " + port);
    }
    return port;
  }

  /**
   * Parses {@code 0xADDR[@0.7],...}: an address alone must be a canonical EntryPoint; any other
   * address names its release after {@code @}.
   */
  static List<EntryPoint> entryPoints(String list) throws CliException {
    List<EntryPoint> entryPoints = new ArrayList<>();
    for (String item : list.split(",")) {
      String trimmed = item.trim();
      int at = trimmed.indexOf('@');
      Address address;
      try {
        address = Address.fromHex(at < 0 ? trimmed : trimmed.substring(0, at));
      } catch (IllegalArgumentException e) {
        throw new CliException("--entrypoints: '" + trimmed + "' is not an address");
      }
      entryPoints.add(new EntryPoint(address, release(address, at < 0 ? null : trimmed.substring(at + 1))));
    }
    return entryPoints;
  }

  private static EntryPointVersion release(Address address, String label) throws CliException {
    for (EntryPointVersion version : EntryPointVersion.values()) {
      boolean named = label != null && version.label().equals(label);
      boolean canonical = label == null && version.canonicalAddress().equals(address);
      if (named || canonical) {
        if (!version.usesPackedUserOperation()) {
          throw new CliException("EntryPoint v0.6 is not served; use v0.7 or v0.8");
        }
        return version;
      }
    }
    throw new CliException(
        "--entrypoints: " + address + " is not a canonical EntryPoint; write it as "
            + address + "@0.7 or @0.8");
  }

  private static <E extends Enum<E>> E choice(CliArguments args, String flag, Class<E> type)
      throws CliException {
    String raw = args.required(flag);
    try {
      return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException("--" + flag + " cannot be '" + raw + "'");
    }
  }
}
