package io.seed.bundler.bench.report;

import static io.seed.bundler.bench.report.Format.count;
import static io.seed.bundler.bench.report.Format.duration;
import static io.seed.bundler.bench.report.Format.millis;
import static io.seed.bundler.bench.report.Format.orMissing;
import static io.seed.bundler.bench.report.Format.percent;
import static io.seed.bundler.bench.report.Format.plain;
import static io.seed.bundler.bench.report.Measurements.HOT;
import static io.seed.bundler.bench.report.Measurements.MEMPOOL;
import static io.seed.bundler.bench.report.Measurements.SAFE_MODE;
import static io.seed.bundler.bench.report.Measurements.SCOPE;
import static io.seed.bundler.bench.report.Measurements.SIGNATURE;

import io.seed.bundler.bench.report.JmhResults.Score;
import io.seed.bundler.bench.report.LoadResults.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Markdown report of one run: the hot path against libsecp256k1, the per-stage cost of one
 * validation, the scope check by tree size, the issue-5 goals with met or not met and why, and
 * where the hot path's time goes. A figure the run did not produce is named with the command that
 * produces it, never guessed.
 */
final class ValidationReport {
  /** What the run was: when, how, on what, and the file names it wrote next to the report. */
  record RunInfo(String stamp, String mode, String command, String machine, String commit,
      String loadBefore, String loadAfter, String chartFile) {}

  /** One figure of the headline table and chart; empty when the run did not measure it. */
  private record Figure(String label, Optional<Score> score, String colour) {}

  private static final double NOISY_RELATIVE_ERROR = 0.2;

  private final RunInfo run;
  private final Measurements measured;
  private final JmhResults jmh;
  private final NativeReference reference;
  private final Optional<LoadResults> load;
  private final Optional<HotPathProfile> profile;
  private final List<String> lines = new ArrayList<>();

  ValidationReport(RunInfo run, Measurements measured, Optional<LoadResults> load,
      Optional<HotPathProfile> profile) {
    this.run = run;
    this.measured = measured;
    this.jmh = measured.jmh();
    this.reference = measured.reference();
    this.load = load;
    this.profile = profile;
  }

  /** The bars of the chart: the headline figures and the stages, those the run measured. */
  List<BarChart.Bar> bars() {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Figure figure : headline()) {
      figure.score().ifPresent(score -> bars.add(new BarChart.Bar(figure.label(), score.value(),
          figure.colour())));
    }
    for (Map.Entry<String, String> stage : stageBenchmarks().entrySet()) {
      measured.score(HOT + stage.getValue()).ifPresent(ns -> bars.add(new BarChart.Bar(
          "stage: " + stage.getKey(), ns, "#9ecae1")));
    }
    return bars;
  }

  /** The reference every ratio is to: libsecp256k1's ecdsa_recover, median over its runs. */
  double referenceNs() {
    return measured.referenceNs();
  }

  String markdown() {
    header();
    hotPath();
    stages();
    scopeByTreeSize();
    goals();
    whereTheTimeGoes();
    reproduce();
    return String.join("\n", lines) + "\n";
  }

  private void header() {
    lines.add("# Validation cost, " + run.stamp() + " (" + run.mode() + " run)");
    lines.add("");
    lines.add("Command: `" + run.command() + "`");
    lines.add("");
    lines.add("- Machine: " + run.machine() + "; 1-minute load average " + run.loadBefore()
        + " before the run, " + run.loadAfter() + " after (anything well above 1 means other"
        + " work shared the cores and every figure, the reference's too, is slower).");
    lines.add("- JVM: " + jmh.jvm() + "; JMH " + jmh.runShape() + ".");
    lines.add("- Reference: " + reference.library() + ", median of " + reference.runs()
        + " runs of " + reference.iterations() + " calls, measured right before and right after"
        + " the hot-path and signature benchmarks (ecdsa_recover medians: " + String.join(" then ",
            reference.recoverMedianPerInvocation().stream().map(Format::duration)
                .toList()) + ").");
    lines.add("- Commit: " + run.commit() + ".");
    lines.add("");
    lines.add("Every figure is the time of one operation on one thread, the median of the"
        + " measured iterations (JMH) or runs (C), and every ratio is to libsecp256k1's"
        + " `secp256k1_ecdsa_recover` as measured in this same run (" + duration(referenceNs())
        + ").");
    lines.add("");
    noiseWarning();
  }

  /** Says so when other work on the machine made the figures unsteady. */
  private void noiseWarning() {
    List<String> noisy = new ArrayList<>();
    for (Figure figure : headline()) {
      figure.score().filter(score -> score.relativeError() > NOISY_RELATIVE_ERROR)
          .ifPresent(score -> noisy.add(figure.label() + " ±" + percent(score.relativeError())));
    }
    double driftRange = reference.recover().maxNs() / reference.recover().minNs() - 1;
    if (noisy.isEmpty() && driftRange <= NOISY_RELATIVE_ERROR) {
      return;
    }
    lines.add("> **Noisy run.** Other work shared the machine: " + (noisy.isEmpty() ? ""
        : "JMH's 99.9% error exceeds " + percent(NOISY_RELATIVE_ERROR) + " of the mean for "
            + String.join(", ", noisy) + "; ") + "libsecp256k1's runs spread from "
        + duration(reference.recover().minNs()) + " to " + duration(reference.recover().maxNs())
        + ". Medians and same-run ratios hold better than means, but rerun on an idle machine"
        + " before quoting a figure.");
    lines.add("");
  }

  private void hotPath() {
    lines.add("## The hot path against libsecp256k1");
    lines.add("");
    lines.add("![hot path against libsecp256k1](" + run.chartFile() + ")");
    lines.add("");
    lines.add("| what | median per operation | spread | × ecdsa_recover |");
    lines.add("| --- | ---: | --- | ---: |");
    lines.add("| libsecp256k1 `ecdsa_recover` (C) | " + duration(reference.recover().medianNs())
        + " | " + duration(reference.recover().minNs()) + "–"
        + duration(reference.recover().maxNs()) + " over runs | 1.00× |");
    lines.add("| libsecp256k1 `ecdsa_verify` (C) | " + duration(reference.verify().medianNs())
        + " | " + duration(reference.verify().minNs()) + "–"
        + duration(reference.verify().maxNs()) + " over runs | "
        + measured.ratio(reference.verify().medianNs()) + " |");
    for (Figure figure : headline().subList(2, headline().size())) {
      lines.add(row(figure.label(), figure.score()));
    }
    lines.add("");
    lines.add("The in-scope operation is the SDK-built Kernel v3 ERC-20 transfer of the golden"
        + " vectors (`transfer within limit`), judged PASS: userOpHash, grant key from the nonce,"
        + " grant from the cache, call policy, gas, rate-limit and time policies, the session"
        + " key's signature, the validity window. The out-of-scope one (`delegatecall to another"
        + " selector`) is rejected at the scope check, before its signature is looked at.");
    lines.add("");
  }

  private void stages() {
    lines.add("## Per-stage cost of one validation");
    lines.add("");
    lines.add("| stage | cost | measured by |");
    lines.add("| --- | ---: | --- |");
    double sum = 0;
    boolean complete = true;
    for (Map.Entry<String, String> stage : stageBenchmarks().entrySet()) {
      OptionalDouble ns = measured.score(HOT + stage.getValue());
      lines.add("| " + stage.getKey() + " | " + orMissing(ns) + " | `" + HOT + stage.getValue()
          + "` |");
      complete &= ns.isPresent();
      sum += ns.orElse(0);
    }
    OptionalDouble whole = measured.score(HOT + "inScope");
    if (complete && whole.isPresent() && whole.getAsDouble() > sum) {
      lines.add("| glue: grant look-up, evaluation, verdict (whole − stages) | "
          + duration(whole.getAsDouble() - sum) + " | difference |");
    }
    lines.add("| **in memory, whole** | **" + orMissing(whole) + "** | `" + HOT + "inScope` |");
    simulationRows();
    safeModeRows();
    persistenceRows();
    String dispatch = "JsonRpcDispatchBenchmark.single";
    lines.add("| JSON-RPC envelope (parse, dispatch, serialise; `eth_chainId`) | "
        + orMissing(measured.score(dispatch)) + " | `" + dispatch + "` |");
    lines.add("");
  }

  private void simulationRows() {
    Optional<Row> single = load.flatMap(LoadResults::leastConcurrent);
    if (single.isEmpty()) {
      lines.add("| simulation round-trip (node) | not in this run | `" + LoadResults.COMMAND
          + "` writes `bench/load/results/<timestamp>.json`; the report reads the newest |");
      return;
    }
    Row row = single.get();
    String source = "load benchmark, C=" + row.concurrency() + ", `"
        + load.get().file().getFileName() + "`";
    lines.add("| simulation round-trip: node answer time per accepted operation | "
        + millis(row.oursNodeMs()) + " | " + source + " |");
    lines.add("| node calls per accepted operation | " + plain(row.oursNodeCalls()) + " | "
        + source + " |");
    lines.add("| whole `eth_sendUserOperation`, p50 latency | " + millis(row.oursP50Ms()) + " | "
        + source + " |");
  }

  private void safeModeRows() {
    OptionalDouble plain = measured.score(SAFE_MODE + "plain");
    OptionalDouble traced = measured.score(SAFE_MODE + "traced");
    lines.add("| validation by plain simulation (`--unsafe`; deploying operation, anvil) | "
        + orMissing(plain) + " | `" + SAFE_MODE + "plain` |");
    String times = plain.isPresent() && traced.isPresent()
        ? String.format(Locale.ROOT, " (%.1f× plain)", traced.getAsDouble() / plain.getAsDouble())
        : "";
    lines.add("| validation in safe mode: ERC-7562 trace, rules, code hashes (same operation) | "
        + orMissing(traced) + times + " | `" + SAFE_MODE + "traced` |");
  }

  private void persistenceRows() {
    Optional<JmhResults.Run> durable = measured.bestMempool("DURABLE");
    if (durable.isEmpty()) {
      lines.add("| persistence: durable admission | not in this run | `./bundler bench"
          + " MempoolInsertBenchmark -rf json` |");
      return;
    }
    String callers = durable.get().params().get("callers");
    double perSecond = durable.get().score().value();
    lines.add("| persistence: durable admission, amortised over group commit (" + callers
        + " callers) | " + duration(1e9 / perSecond) + " (" + count(perSecond) + "/s) | `"
        + MEMPOOL + "` sync=DURABLE |");
    jmh.runs(MEMPOOL).stream()
        .filter(r -> r.params().get("sync").equals("UNSYNCED")
            && r.params().get("callers").equals(callers))
        .findFirst()
        .ifPresent(unsynced -> lines.add("| the same admission without the WAL sync | "
            + duration(1e9 / unsynced.score().value()) + " (" + count(unsynced.score().value())
            + "/s) | `" + MEMPOOL + "` sync=UNSYNCED |"));
  }

  private void scopeByTreeSize() {
    List<JmhResults.Run> runs = jmh.runs(SCOPE);
    if (runs.isEmpty()) {
      return;
    }
    List<Integer> sizes = distinct(runs, "permissions");
    List<Integer> batches = distinct(runs, "calls");
    lines.add("## The scope check by tree size");
    lines.add("");
    lines.add("Look-up and rules alone (`" + SCOPE + "`), calls already decoded; every call in"
        + " scope, each on another permission.");
    lines.add("");
    StringBuilder head = new StringBuilder("| permissions |");
    StringBuilder rule = new StringBuilder("| ---: |");
    for (int calls : batches) {
      head.append(" ").append(calls).append(calls == 1 ? " call |" : " calls |");
      rule.append(" ---: |");
    }
    lines.add(head.toString());
    lines.add(rule.toString());
    for (int size : sizes) {
      StringBuilder row = new StringBuilder("| " + size + " |");
      for (int calls : batches) {
        row.append(" ").append(orMissing(measured.scopeNs(size, calls))).append(" |");
      }
      lines.add(row.toString());
    }
    lines.add("");
  }

  private void goals() {
    lines.add("## Goals (issue 5)");
    lines.add("");
    lines.add("| goal | measured | verdict | why |");
    lines.add("| --- | --- | --- | --- |");
    lines.addAll(new Goals(measured, load, profile).rows());
    lines.add("");
  }

  private void whereTheTimeGoes() {
    lines.add("## Where the hot path's time goes");
    lines.add("");
    if (profile.isEmpty()) {
      lines.add("No profile in this run: `java -jar bench/target/benchmarks.jar " + HOT
          + "inScope -prof jfr`.");
      lines.add("");
      return;
    }
    HotPathProfile recorded = profile.get();
    lines.add("JDK Flight Recorder, `" + HOT + "inScope` in a run of its own (" + recorded.samples()
        + " CPU samples of the benchmark thread; a sample counts for every stage on its stack, so"
        + " shares overlap).");
    lines.add("");
    lines.add("| inside | share of samples |");
    lines.add("| --- | ---: |");
    recorded.stageShares().forEach((stage, share) ->
        lines.add("| " + stage + " | " + percent(share) + " |"));
    lines.add("");
    lines.add("| method on top of the stack | share of samples |");
    lines.add("| --- | ---: |");
    for (HotPathProfile.Share share : recorded.hottestMethods()) {
      lines.add("| `" + share.method() + "` | " + percent(share.share()) + " |");
    }
    lines.add("");
  }

  private void reproduce() {
    lines.add("## Reproduce");
    lines.add("");
    lines.add("- This report: `./bundler bench --report` (quick, a few minutes) or `./bundler"
        + " bench --report --long` (more forks and iterations, for publication).");
    lines.add("- One benchmark: `./bundler bench SessionKeyHotPathBenchmark` (any JMH options"
        + " follow, e.g. `-prof jfr`).");
    lines.add("- The reference alone: `gcc -O2 -o secp256k1_bench bench/native/secp256k1_bench.c"
        + " -lsecp256k1 && ./secp256k1_bench`.");
    lines.add("- The whole server against Alto: `" + LoadResults.COMMAND + "` (see"
        + " bench/load/README.md); its newest result is folded into the next report.");
    lines.add("- Raw data next to this file: `jmh-headline.json` and `jmh-rest.json` (log"
        + " `jmh.txt`), `secp256k1-before.json` and `secp256k1-after.json`, `hot-path.jfr` (`jfr"
        + " view hot-methods hot-path.jfr`).");
  }

  private List<Figure> headline() {
    return List.of(
        new Figure("libsecp256k1 ecdsa_recover (C)",
            Optional.of(reference(reference.recover().medianNs())), "#7f7f7f"),
        new Figure("libsecp256k1 ecdsa_verify (C)",
            Optional.of(reference(reference.verify().medianNs())), "#bdbdbd"),
        new Figure("session-key op, in scope: the hot path", jmh.score(HOT + "inScope"),
            "#1f77b4"),
        new Figure("session-key op, out of scope: rejected", jmh.score(HOT + "outOfScope"),
            "#6baed6"),
        new Figure("signature: cached public key", jmh.score(SIGNATURE + "cachedKey"),
            "#2ca02c"),
        new Figure("signature: ECDSASigner rule (EIP-191 form)",
            jmh.score(SIGNATURE + "signerRule"), "#98df8a"),
        new Figure("signature: our generic recovery", jmh.score(SIGNATURE + "ourRecovery"),
            "#ff9896"),
        new Figure("signature: web3j recovery (naive baseline)",
            jmh.score(SIGNATURE + "web3jRecovery"), "#d62728"));
  }

  /** A reference figure as a score: its spread is reported from the runs, not as an error. */
  private static Score reference(double medianNs) {
    return new Score(medianNs, medianNs, 0, "ns/op");
  }

  private static Map<String, String> stageBenchmarks() {
    Map<String, String> stages = new LinkedHashMap<>();
    stages.put("decode: grant key, signature layout, execute call data", "stageDecode");
    stages.put("hash: v0.7 userOpHash", "stageHash");
    stages.put("signature: ECDSASigner rule against the cached key", "stageSignature");
    stages.put("scope: look-up and rules of each call, whole-operation policies", "stageScope");
    return stages;
  }

  private String row(String label, Optional<Score> score) {
    return "| " + label + " | " + score.map(s -> duration(s.value())).orElse("not measured")
        + " | " + score.map(s -> "mean " + duration(s.mean())
            + (Double.isNaN(s.error()) ? "" : " ± " + duration(s.error()))).orElse("")
        + " | " + score.map(s -> measured.ratio(s.value())).orElse("–") + " |";
  }

  private static List<Integer> distinct(List<JmhResults.Run> runs, String param) {
    return runs.stream().map(r -> Integer.parseInt(r.params().get(param))).distinct().sorted()
        .toList();
  }

}
