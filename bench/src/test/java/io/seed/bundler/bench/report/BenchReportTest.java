package io.seed.bundler.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = "io.seed.bundler.bench.core.sessionkey.";
  private static final ValidationReport.RunInfo RUN = new ValidationReport.RunInfo(
      "20250101T000000Z", "quick", "./bundler bench --report", "2 × test CPU", "abc1234", "0.10",
      "0.20", BenchReport.CHART);

  @TempDir
  Path directory;

  private ArrayNode jmh;

  @BeforeEach
  void writeReference() throws IOException {
    jmh = JSON.createArrayNode();
    ObjectNode reference = JSON.createObjectNode()
        .put("library", "libsecp256k1").put("libraryVersion", "0.2.0-2")
        .put("compiler", "gcc 12").put("iterations", 10000).put("runs", 11)
        .put("signatures", 16);
    reference.set("recover", spread(50_000));
    reference.set("verify", spread(40_000));
    JSON.writeValue(directory.resolve(BenchReport.NATIVE_BEFORE).toFile(), reference);
  }

  @Test
  void shouldJudgeTheHotPathAsARatioToTheRecoveryOfTheSameRun() throws IOException {
    result(PACKAGE + "SessionKeyHotPathBenchmark.inScope", Map.of(), 60_000, "ns/op");
    result(PACKAGE + "SessionKeyHotPathBenchmark.stageSignature", Map.of(), 45_000, "ns/op");

    String report = writeReport(Optional.empty());

    assertThat(report).contains(
        "| hot path of one session-key operation ≤ 1× libsecp256k1 `ecdsa_recover` | 60.0 µs"
            + " = 1.20× | **not met** | the signature stage alone takes 45.0 µs (0.90×, 75% of"
            + " the path): a check against the cached key needs no doubling");
    assertThat(Files.readString(directory.resolve(BenchReport.CHART)))
        .contains("session-key op, in scope: the hot path").contains("60.0 µs (1.20×)");
  }

  @Test
  void shouldMeetTheScopeGoalOnOneCallOfAHundredPermissionTree() throws IOException {
    String scope = PACKAGE + "permission.PermissionScopeBenchmark.scope";
    result(scope, Map.of("permissions", "100", "calls", "1"), 420, "ns/op");
    result(scope, Map.of("permissions", "100", "calls", "10"), 3_900, "ns/op");
    result(scope, Map.of("permissions", "1000", "calls", "1"), 450, "ns/op");

    String report = writeReport(Optional.empty());

    assertThat(report)
        .contains("| scope check < 1 µs for a 100-permission tree | 420 ns for one call; a batch"
            + " of 10 calls: 3.90 µs | **met** |")
        .contains("| permissions | 1 call | 10 calls |")
        .contains("| 1000 | 450 ns | not measured |");
  }

  @Test
  void shouldJudgeTheRejectionGoalOnOneOperationPerRequestAgainstTheDispatchBaseline()
      throws IOException {
    String flood = "io.seed.bundler.bench.rpc.node.RejectionFloodBenchmark.";
    result(flood + "chainId", Map.of(), 9_000, "ops/s");
    result(flood + "outOfScope", Map.of(), 6_000, "ops/s");
    result(flood + "outOfScopeBatch", Map.of(), 45_000, "ops/s");

    String report = writeReport(Optional.empty());

    assertThat(report).contains("| out-of-scope session-key operations rejected ≥ 20,000/s with"
        + " zero node requests | through the server over HTTP, 16 connections: 6,000/s one per"
        + " request, 45,000/s in batches of 50 (`eth_chainId` on the same connections: 9,000/s)"
        + " | **met in batches only** | one request per operation costs the server about as much"
        + " as `eth_chainId` (67%");
  }

  @Test
  void shouldGiveTheSafeModeTraceAsAMultipleOfThePlainSimulation() throws IOException {
    String safeMode = "io.seed.bundler.bench.core.erc7562.SafeModeValidationBenchmark.";
    result(safeMode + "plain", Map.of(), 13_000_000, "ns/op");
    result(safeMode + "traced", Map.of(), 286_000_000, "ns/op");

    String report = writeReport(Optional.empty());

    assertThat(report)
        .contains("| validation by plain simulation (`--unsafe`; deploying operation, anvil) |"
            + " 13.00 ms |")
        .contains("| validation in safe mode: ERC-7562 trace, rules, code hashes (same operation)"
            + " | 286.00 ms (22.0× plain) |");
  }

  @Test
  void shouldNameTheCommandForFiguresTheRunDidNotProduce() throws IOException {
    String report = writeReport(Optional.of(directory.resolve("no-load-results")));

    assertThat(report)
        .contains("| simulation round-trip (node) | not in this run | `node bench/load/run.mjs"
            + " --quick`")
        .contains("| accepted operations per second ≥ 5× Alto, with lower p99 | – | not measured"
            + " in this run |")
        .contains("| durable inserts ≥ 20,000/s | – | not measured |");
  }

  @Test
  void shouldTakeServerFiguresFromTheNewestLoadResult() throws IOException {
    Path loads = Files.createDirectory(directory.resolve("load"));
    writeLoad(loads.resolve("20240101T000000Z.json"), 10, 10);
    writeLoad(loads.resolve("20250101T000000Z.json"), 300, 50);
    result("io.seed.bundler.bench.mempool.MempoolInsertBenchmark.insert",
        Map.of("sync", "DURABLE", "callers", "256", "directory", ""), 25_000, "ops/s");

    String report = writeReport(Optional.of(loads));

    assertThat(report)
        .contains("| accepted operations per second ≥ 5× Alto, with lower p99 | 5.40× Alto's"
            + " accepted/s at C=32 (4.32×–5.94× over runs, each paired with Alto's run beside it);"
            + " p99 40.00 ms against 90.00 ms (`20250101T000000Z.json`) | **met** |")
        .contains("| simulation round-trip: node answer time per accepted operation | 1.50 ms |")
        .contains("| durable inserts ≥ 20,000/s | 25,000/s with 256 callers (± 100) | **met** |")
        .contains("| persistence: durable admission, amortised over group commit (256 callers) |"
            + " 40.0 µs (25,000/s) |");
  }

  @Test
  void shouldWarnWhenOtherWorkMadeTheFiguresUnsteady() throws IOException {
    result(PACKAGE + "SessionKeyHotPathBenchmark.inScope", Map.of(), 60_000, 40_000, "ns/op");

    String report = writeReport(Optional.empty());

    assertThat(report).contains("> **Noisy run.**")
        .contains("session-key op, in scope: the hot path ±61%");
  }

  @Test
  void shouldNotWarnAboutASteadyRun() throws IOException {
    result(PACKAGE + "SessionKeyHotPathBenchmark.inScope", Map.of(), 60_000, "ns/op");

    assertThat(writeReport(Optional.empty())).doesNotContain("Noisy run");
  }

  private String writeReport(Optional<Path> loads) throws IOException {
    JSON.writeValue(directory.resolve(BenchReport.JMH_HEADLINE).toFile(), jmh);
    return Files.readString(BenchReport.write(directory, RUN, loads));
  }

  private void result(String benchmark, Map<String, String> params, double score, String unit) {
    result(benchmark, params, score, 100, unit);
  }

  /** A JMH result whose iterations have median {@code score} and mean {@code 1.1 * score}. */
  private void result(String benchmark, Map<String, String> params, double score, double error,
      String unit) {
    ObjectNode result = jmh.addObject().put("benchmark", benchmark)
        .put("jdkVersion", "25").put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", "25")
        .put("forks", 1).put("warmupIterations", 3).put("warmupTime", "1 s")
        .put("measurementIterations", 5).put("measurementTime", "1 s");
    result.putArray("jvmArgs").add("-Xmx1g");
    if (!params.isEmpty()) {
      ObjectNode given = result.putObject("params");
      params.forEach(given::put);
    }
    ObjectNode metric = result.putObject("primaryMetric").put("score", score * 1.1)
        .put("scoreError", error).put("scoreUnit", unit);
    metric.putObject("scorePercentiles").put("50.0", score);
  }

  private static ObjectNode spread(double median) {
    ObjectNode spread = JSON.createObjectNode().put("medianNs", median)
        .put("minNs", median * 0.9).put("maxNs", median * 1.1);
    spread.putArray("runsNs").add(median);
    return spread;
  }

  @Test
  void shouldNotGuessARatioFromALoadResultWithoutPairedRatios() throws IOException {
    Path loads = Files.createDirectory(directory.resolve("load"));
    writeLoad(loads.resolve("20240101T000000Z.json"), 300, 50);
    ObjectNode old = (ObjectNode) JSON.readTree(loads.resolve("20240101T000000Z.json").toFile());
    old.remove("ratios");
    JSON.writeValue(loads.resolve("20240101T000000Z.json").toFile(), old);

    assertThat(writeReport(Optional.of(loads)))
        .contains("| accepted operations per second ≥ 5× Alto, with lower p99 | – | the load result"
            + " predates paired ratios |");
  }

  /** A load-benchmark result in the shape bench/load/lib/report.mjs writes. */
  private static void writeLoad(Path file, double oursPerSecond, double altoPerSecond)
      throws IOException {
    ObjectNode load = JSON.createObjectNode();
    ObjectNode settings = load.putObject("settings").put("command", "node bench/load/run.mjs");
    settings.putArray("concurrencies").add(1).add(32);
    ObjectNode summary = load.putObject("summary");
    ObjectNode ratios = load.putObject("ratios");
    for (String concurrency : new String[] {"1", "32"}) {
      figures(summary.with("ours").putObject(concurrency), oursPerSecond, 40, 1.5);
      figures(summary.with("alto").putObject(concurrency), altoPerSecond, 90, 2.5);
      // the paired ratios differ from the ratio of medians, as they do in real runs
      double paired = oursPerSecond / altoPerSecond * 0.9;
      ratios.putObject(concurrency).putObject("throughput").put("median", paired)
          .put("min", paired * 0.8).put("max", paired * 1.1).put("runs", 3);
    }
    JSON.writeValue(file.toFile(), load);
  }

  private static void figures(ObjectNode row, double perSecond, double p99, double nodeMs) {
    row.putObject("throughput").put("median", perSecond);
    row.putObject("p99").put("median", p99);
    row.put("p50", p99 / 2).put("nodeMs", nodeMs).put("admissionCalls", 3.0);
  }
}
