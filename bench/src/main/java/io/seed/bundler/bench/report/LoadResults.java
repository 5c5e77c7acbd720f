package io.seed.bundler.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The figures of one load-benchmark run ({@code bench/load}, ours against Alto on one anvil) that
 * the validation report uses: per concurrency, accepted operations per second and p99 of both
 * bundlers, ours over Alto as the load report pairs them (each run's two measurements, taken back
 * to back, give one ratio; the median and spread over runs), and for ours the p50 latency and the
 * node's answer time and calls per operation.
 */
record LoadResults(Path file, List<Row> rows) {
  /** The command that produces a result for the report to read: the quick load run. */
  static final String COMMAND = "node bench/load/run.mjs --quick";

  /**
   * One concurrency's medians over the load run's repetitions; absent figures are empty.
   *
   * @param throughputRatio ours over Alto, the median of the paired runs' ratios
   * @param throughputRatioMin the lowest paired ratio
   * @param throughputRatioMax the highest paired ratio
   */
  record Row(
      int concurrency,
      OptionalDouble oursPerSecond,
      OptionalDouble altoPerSecond,
      OptionalDouble throughputRatio,
      OptionalDouble throughputRatioMin,
      OptionalDouble throughputRatioMax,
      OptionalDouble oursP50Ms,
      OptionalDouble oursP99Ms,
      OptionalDouble altoP99Ms,
      OptionalDouble oursNodeMs,
      OptionalDouble oursNodeCalls) {}

  /** The newest result in {@code directory} ({@code <timestamp>.json}), if there is one. */
  static Optional<LoadResults> newest(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    Optional<Path> newest;
    try (Stream<Path> files = Files.list(directory)) {
      newest = files.filter(file -> file.getFileName().toString().endsWith(".json"))
          .max(Comparator.comparing(file -> file.getFileName().toString()));
    }
    return newest.isEmpty() ? Optional.empty() : Optional.of(read(newest.get()));
  }

  static LoadResults read(Path file) throws IOException {
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    JsonNode summary = json.path("summary");
    List<Row> rows = new ArrayList<>();
    for (JsonNode concurrency : json.path("settings").path("concurrencies")) {
      String c = concurrency.asText();
      JsonNode ours = summary.path("ours").path(c);
      JsonNode alto = summary.path("alto").path(c);
      JsonNode ratio = json.path("ratios").path(c).path("throughput");
      rows.add(new Row(concurrency.asInt(),
          number(ours.path("throughput").path("median")),
          number(alto.path("throughput").path("median")),
          number(ratio.path("median")),
          number(ratio.path("min")),
          number(ratio.path("max")),
          number(ours.path("p50")),
          number(ours.path("p99").path("median")),
          number(alto.path("p99").path("median")),
          number(ours.path("nodeMs")),
          number(ours.path("admissionCalls"))));
    }
    return new LoadResults(file, rows);
  }

  /** The row with the fewest concurrent clients: one operation's own latency, without queueing. */
  Optional<Row> leastConcurrent() {
    return rows.stream().min(Comparator.comparingInt(Row::concurrency));
  }

  /** The row with the most concurrent clients: the throughput the goal compares. */
  Optional<Row> mostConcurrent() {
    return rows.stream().max(Comparator.comparingInt(Row::concurrency));
  }

  private static OptionalDouble number(JsonNode node) {
    return node.isNumber() ? OptionalDouble.of(node.asDouble()) : OptionalDouble.empty();
  }
}
