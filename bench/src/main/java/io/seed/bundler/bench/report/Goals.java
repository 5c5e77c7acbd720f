package io.seed.bundler.bench.report;

import static io.seed.bundler.bench.report.Format.count;
import static io.seed.bundler.bench.report.Format.duration;
import static io.seed.bundler.bench.report.Format.millis;
import static io.seed.bundler.bench.report.Format.percent;
import static io.seed.bundler.bench.report.Measurements.FLOOD;
import static io.seed.bundler.bench.report.Measurements.HOT;
import static io.seed.bundler.bench.report.Measurements.SCOPE;
import static io.seed.bundler.bench.rpc.node.RejectionFloodBenchmark.BATCH;

import io.seed.bundler.bench.report.LoadResults.Row;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The goals of issue 5, each a row of the report's table: what the run measured, met or not met,
 * and why. A goal whose figure the run did not produce says which command produces it.
 */
final class Goals {
  private static final double SCOPE_GOAL_NS = 1_000;
  private static final double REJECTIONS_GOAL_PER_SECOND = 20_000;
  private static final double DURABLE_GOAL_PER_SECOND = 20_000;
  private static final double THROUGHPUT_GOAL_RATIO = 5;

  private final Measurements measured;
  private final Optional<LoadResults> load;
  private final Optional<HotPathProfile> profile;

  Goals(Measurements measured, Optional<LoadResults> load, Optional<HotPathProfile> profile) {
    this.measured = measured;
    this.load = load;
    this.profile = profile;
  }

  /** The table rows, in the order. */
  List<String> rows() {
    return List.of(hotPathGoal(), scopeGoal(), throughputGoal(), rejectionGoal(), durableGoal());
  }

  private String hotPathGoal() {
    String goal = "| hot path of one session-key operation ≤ 1× libsecp256k1 `ecdsa_recover` | ";
    OptionalDouble whole = measured.score(HOT + "inScope");
    if (whole.isEmpty()) {
      return goal + "– | not measured | `" + HOT + "inScope` did not run |";
    }
    double times = whole.getAsDouble() / measured.referenceNs();
    String shown = duration(whole.getAsDouble()) + " = " + measured.ratio(whole.getAsDouble());
    if (times <= 1) {
      return goal + shown + " | **met** | |";
    }
    OptionalDouble signature = measured.score(HOT + "stageSignature");
    String share = signature.isPresent() && signature.getAsDouble() <= whole.getAsDouble()
        ? ", " + percent(signature.getAsDouble() / whole.getAsDouble()) + " of the path" : "";
    String walks = profile.map(recorded -> {
      double walked = recorded.stageShares().entrySet().stream()
          .filter(stage -> stage.getKey().contains("table walk"))
          .mapToDouble(Map.Entry::getValue).sum();
      return " (the two table walks, u1·G and u2·Q, hold " + percent(walked)
          + " of the profile's samples)";
    }).orElse("");
    String why = signature.isPresent()
        ? "the signature stage alone takes " + duration(signature.getAsDouble()) + " ("
            + measured.ratio(signature.getAsDouble()) + share + "): a check against the cached key"
            + " needs no doubling, but its ~70 mixed point additions" + walks + ", each 8"
            + " multiplications and 3 squarings of 5×52-bit limbs, still dominate; see *where"
            + " the time goes*"
        : "see *where the time goes*";
    return goal + shown + " | **not met** | " + why + " |";
  }

  private String scopeGoal() {
    String goal = "| scope check < 1 µs for a 100-permission tree | ";
    OptionalDouble one = measured.scopeNs(100, 1);
    if (one.isEmpty()) {
      return goal + "– | not measured | `" + SCOPE + "` with permissions=100, calls=1 did not run"
          + " |";
    }
    String batch = measured.scopeNs(100, 10).isPresent()
        ? "; a batch of 10 calls: " + duration(measured.scopeNs(100, 10).getAsDouble()) : "";
    String shown = duration(one.getAsDouble()) + " for one call" + batch;
    return one.getAsDouble() < SCOPE_GOAL_NS
        ? goal + shown + " | **met** | one hash look-up per call, whatever the tree size |"
        : goal + shown + " | **not met** | the rules of one call cost more than the goal;"
            + " profile `" + SCOPE + "` with `-prof jfr` |";
  }

  private String throughputGoal() {
    String goal = "| accepted operations per second ≥ 5× Alto, with lower p99 | ";
    Optional<Row> busiest = load.flatMap(LoadResults::mostConcurrent);
    if (busiest.isEmpty() || busiest.get().oursPerSecond().isEmpty()
        || busiest.get().altoPerSecond().isEmpty()) {
      return goal + "– | not measured in this run | whole-server figure: `" + LoadResults.COMMAND
          + "`, then rerun this report |";
    }
    Row row = busiest.get();
    if (row.throughputRatio().isEmpty()) {
      return goal + "– | the load result predates paired ratios | rerun `" + LoadResults.COMMAND
          + "`, then this report |";
    }
    double times = row.throughputRatio().getAsDouble();
    boolean lowerP99 = row.oursP99Ms().isPresent() && row.altoP99Ms().isPresent()
        && row.oursP99Ms().getAsDouble() < row.altoP99Ms().getAsDouble();
    String shown = String.format(Locale.ROOT, "%.2f× Alto's accepted/s at C=%d (%.2f×–%.2f×"
        + " over runs, each paired with Alto's run beside it); p99 %s against %s", times,
        row.concurrency(), row.throughputRatioMin().orElse(times),
        row.throughputRatioMax().orElse(times), millis(row.oursP99Ms()), millis(row.altoP99Ms()));
    boolean met = times >= THROUGHPUT_GOAL_RATIO && lowerP99;
    String why = met ? "" : (times < THROUGHPUT_GOAL_RATIO
        ? "below 5×; the load report of the same name (`.md`) breaks down node time and CPU"
            + " per operation for both bundlers"
        : "p99 is not lower than Alto's");
    return goal + shown + " (`" + load.get().file().getFileName() + "`) | **"
        + (met ? "met" : "not met") + "** | " + why + " |";
  }

  private String rejectionGoal() {
    String goal = "| out-of-scope session-key operations rejected ≥ 20,000/s with zero node"
        + " requests | ";
    OptionalDouble single = measured.score(FLOOD + "outOfScope");
    OptionalDouble batched = measured.score(FLOOD + "outOfScopeBatch");
    OptionalDouble baseline = measured.score(FLOOD + "chainId");
    if (single.isEmpty() && batched.isEmpty()) {
      return goal + "– | not measured | `./bundler bench RejectionFloodBenchmark` |";
    }
    StringBuilder shown = new StringBuilder("through the server over HTTP, 16 connections: ");
    single.ifPresent(value -> shown.append(count(value)).append("/s one per request"));
    batched.ifPresent(value -> shown.append(single.isPresent() ? ", " : "").append(count(value))
        .append("/s in batches of ").append(BATCH));
    baseline.ifPresent(value -> shown.append(" (`eth_chainId` on the same connections: ")
        .append(count(value)).append("/s)"));
    double best = Math.max(single.orElse(0), batched.orElse(0));
    String nodeRequests = "zero node requests: the benchmark fails if the server's node request"
        + " counter moves during the flood";
    if (single.orElse(0) >= REJECTIONS_GOAL_PER_SECOND) {
      return goal + shown + " | **met** | " + nodeRequests + " |";
    }
    String why = baseline.isPresent() && single.isPresent()
        ? "one request per operation costs the server about as much as `eth_chainId` ("
            + percent(single.getAsDouble() / baseline.getAsDouble()) + " of its rate): HTTP and"
            + " dispatch per request, not the session-key check, bound it; client and server"
            + " share the 2 cores"
        : "see the JMH output of `" + FLOOD + "`";
    return goal + shown + " | **" + (best >= REJECTIONS_GOAL_PER_SECOND ? "met in batches only"
        : "not met") + "** | " + why + "; " + nodeRequests + " |";
  }

  private String durableGoal() {
    String goal = "| durable inserts ≥ 20,000/s | ";
    Optional<JmhResults.Run> durable = measured.bestMempool("DURABLE");
    if (durable.isEmpty()) {
      return goal + "– | not measured | `./bundler bench MempoolInsertBenchmark` |";
    }
    double perSecond = durable.get().score().value();
    double error = durable.get().score().error();
    String shown = count(perSecond) + "/s with " + durable.get().params().get("callers")
        + " callers" + (Double.isNaN(error) ? "" : " (± " + count(error) + ")");
    return perSecond >= DURABLE_GOAL_PER_SECOND
        ? goal + shown + " | **met** | group commit: one WAL sync covers every admission"
            + " queued meanwhile |"
        : goal + shown + " | **not met** | each group waits for one WAL sync of this disk;"
            + " more callers per sync, or a faster disk, raise it |";
  }
}
