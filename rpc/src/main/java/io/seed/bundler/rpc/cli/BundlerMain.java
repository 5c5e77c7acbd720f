package io.seed.bundler.rpc.cli;

import io.seed.bundler.core.devchain.AnvilAccounts;
import io.seed.bundler.core.devchain.DevChain;
import io.seed.bundler.core.devchain.DevChainConfig;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.rpc.node.BundlerNode;
import io.seed.bundler.rpc.node.BundlerNodeConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bundler's command line: {@code run} serves a chain given by URL, {@code dev} starts its own
 * anvil with the EntryPoints deployed and serves that.
 */
public final class BundlerMain {
  static final List<CliOption> RUN_OPTIONS =
      concat(
          List.of(
              CliOption.value("node-url", null, "the Ethereum node's JSON-RPC URL"),
              CliOption.value("entrypoints", null,
                  "EntryPoints to serve: canonical addresses, or ADDRESS@0.7 / ADDRESS@0.8"),
              CliOption.value("signer-key-file", null,
                  "file holding the bundler's private key as hex (0x optional)"),
              BundlerOptions.DEBUG_API_OFF),
          BundlerOptions.SHARED);

  static final List<CliOption> DEV_OPTIONS =
      concat(
          List.of(
              CliOption.value("node-port", "8545", "port of the embedded anvil"),
              CliOption.value("block-time", "1", "seconds between the dev chain's blocks"),
              CliOption.value("e2e-dir", "e2e", "folder whose node_modules holds anvil and the EntryPoints"),
              BundlerOptions.DEBUG_API_ON),
          BundlerOptions.SHARED);

  /** The dev chain's signer: anvil's last funded account, leaving the first ones to clients. */
  private static final int DEV_SIGNER_ACCOUNT = AnvilAccounts.COUNT - 1;

  private BundlerMain() {}

  /** Runs a command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.isEmpty() ? "help" : args.get(0);
    List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
    try {
      return switch (command) {
        case "run" -> rest.contains("--help") ? help(out, "run", RUN_OPTIONS) : runCommand(rest, env, out);
        case "dev" -> rest.contains("--help") ? help(out, "dev", DEV_OPTIONS) : devCommand(rest, env, out);
        case "help", "--help", "-h" -> usage(out);
        default -> {
          err.println("bundler: unknown command '" + command + "'");
          usage(err);
          yield 2;
        }
      };
    } catch (CliException e) {
      err.println("bundler: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("bundler: could not start: " + e.getMessage());
      return 1;
    }
  }

  private static int runCommand(List<String> rest, Map<String, String> env, PrintStream out)
      throws Exception {
    CliArguments args = CliArguments.parse(RUN_OPTIONS, rest, env);
    URI nodeUrl = URI.create(args.required("node-url"));
    List<EntryPoint> entryPoints = BundlerOptions.entryPoints(args.required("entrypoints"));
    String key = readKey(Path.of(args.required("signer-key-file")));
    Path dataDir = Path.of(args.optional("data-dir").orElse("data"));
    BundlerNodeConfig config =
        BundlerOptions.toDomainObject(args, nodeUrl, entryPoints, key, dataDir);
    ShutdownSignal shutdown = ShutdownSignal.register();
    try (BundlerNode node = BundlerNode.start(config, Clock.systemUTC())) {
      out.printf("bundler serving chain %d on http://%s:%d/rpc, signer %s%n", node.chainId(),
          config.server().host(), node.address().getPort(), node.signerAddress());
      shutdown.await();
    } finally {
      shutdown.finished();
    }
    return 0;
  }

  private static int devCommand(List<String> rest, Map<String, String> env, PrintStream out)
      throws Exception {
    CliArguments args = CliArguments.parse(DEV_OPTIONS, rest, env);
    DevChainConfig chainConfig =
        new DevChainConfig(
            Path.of(args.required("e2e-dir")).toAbsolutePath(), BundlerOptions.port(args, "node-port"),
            Duration.ofSeconds(args.longValue("block-time")), DevChainConfig.DEFAULT_START_TIMEOUT);
    Path dataDir =
        args.optional("data-dir").map(Path::of).orElse(Files.createTempDirectory("seed-bundler-dev-"));
    ShutdownSignal shutdown = ShutdownSignal.register();
    try (DevChain chain = DevChain.start(chainConfig)) {
      List<EntryPoint> entryPoints =
          List.of(chain.entryPoint(EntryPointVersion.V0_7), chain.entryPoint(EntryPointVersion.V0_8));
      BundlerNodeConfig config =
          BundlerOptions.toDomainObject(
              args, chain.url(), entryPoints,
              AnvilAccounts.privateKey(DEV_SIGNER_ACCOUNT).toHex(), dataDir);
      try (BundlerNode node = BundlerNode.start(config, Clock.systemUTC())) {
        out.printf("dev chain      %s (chain id %d)%n", chain.url(), chain.chainId());
        for (EntryPoint entryPoint : entryPoints) {
          out.printf("EntryPoint v%s %s, SimpleAccountFactory %s%n", entryPoint.version().label(),
              entryPoint.address(), chain.simpleAccountFactory(entryPoint.version()));
        }
        out.printf("bundler signer %s%n", node.signerAddress());
        out.printf("mempool        %s%n", dataDir);
        out.printf("bundler ready  http://%s:%d/rpc%n", config.server().host(), node.address().getPort());
        out.flush();
        shutdown.await();
      }
    } finally {
      shutdown.finished();
    }
    return 0;
  }

  /** Reads a hex private key from a file: {@code 0x} optional, surrounding whitespace ignored. */
  static String readKey(Path file) throws CliException {
    String text;
    try {
      text = Files.readString(file).strip();
    } catch (IOException e) {
      throw new CliException("cannot read the signer key file " + file + ": " + e.getMessage());
    }
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (!digits.matches("[0-9a-fA-F]{64}")) {
      throw new CliException(
          "the signer key file " + file + " must hold a 32-byte private key as 64 hex digits");
    }
    return "0x" + digits;
  }

  private static int usage(PrintStream out) {
    out.println("usage: bundler <command> [options]");
    out.println("  dev   run on an embedded anvil with EntryPoint v0.7 and v0.8 deployed");
    out.println("  run   run against an Ethereum node");
    out.println("Each command takes --help for its options.");
    return 0;
  }

  private static int help(PrintStream out, String command, List<CliOption> options) {
    out.println("usage: bundler " + command + " [options]");
    for (CliOption option : options) {
      String flag = "--" + option.flag() + (option.isSwitch() ? "" : " VALUE");
      String fallback = option.defaultValue() == null ? "" : " (default " + option.defaultValue() + ")";
      out.printf("  %-32s %s%s; env %s%n", flag, option.description(), fallback, option.environmentVariable());
    }
    return 0;
  }

  private static List<CliOption> concat(List<CliOption> first, List<CliOption> second) {
    List<CliOption> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
