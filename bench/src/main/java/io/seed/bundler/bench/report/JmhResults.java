package io.seed.bundler.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The figures of a JMH result file ({@code -rf json}), by benchmark ({@code Class.method}, the
 * class without its package) and parameters. A benchmark's figure is the median of its measured
 * iterations, as the C reference's is the median of its runs: on a machine other work shares, a
 * burst slows one iteration and moves a mean far more than a median.
 */
final class JmhResults {
  /**
   * One benchmark's primary figure: the median of its iterations, their mean with the 99.9% error
   * half-width JMH gives for it, and the unit.
   */
  record Score(double value, double mean, double error, String unit) {
    /** The error relative to the mean; NaN when JMH gave none (a single iteration). */
    double relativeError() {
      return error / mean;
    }
  }

  /** A benchmark's figure with the parameters it ran with. */
  record Run(Map<String, String> params, Score score) {}

  private final Map<String, Score> scores;
  private final Map<String, List<Run>> runs;
  private final String jvm;
  private final String runShape;

  private JmhResults(Map<String, List<Run>> runs, String jvm, String runShape) {
    this.runs = runs;
    this.scores = new HashMap<>();
    runs.forEach((benchmark, list) ->
        list.forEach(run -> scores.put(key(benchmark, run.params()), run.score())));
    this.jvm = jvm;
    this.runShape = runShape;
  }

  /** The results of every file in {@code files}, which hold different benchmarks. */
  static JmhResults read(List<Path> files) throws IOException {
    Map<String, List<Run>> runs = new HashMap<>();
    JsonNode first = null;
    for (Path file : files) {
      JsonNode results = new ObjectMapper().readTree(file.toFile());
      first = first == null && !results.isEmpty() ? results.get(0) : first;
      read(results, runs);
    }
    if (first == null) {
      return new JmhResults(runs, "unknown", "unknown");
    }
    String jvm = first.path("vmName").asText() + " " + first.path("vmVersion").asText()
        + " (JDK " + first.path("jdkVersion").asText() + ")";
    String runShape = first.path("forks").asInt() + " fork(s), "
        + first.path("warmupIterations").asInt() + " × " + first.path("warmupTime").asText()
        + " warm-up, " + first.path("measurementIterations").asInt() + " × "
        + first.path("measurementTime").asText() + " measured; JVM flags "
        + String.join(" ", new ObjectMapper().convertValue(first.path("jvmArgs"), String[].class));
    return new JmhResults(runs, jvm, runShape);
  }

  private static void read(JsonNode results, Map<String, List<Run>> runs) {
    for (JsonNode result : results) {
      JsonNode metric = result.get("primaryMetric");
      Map<String, String> params = new TreeMap<>();
      JsonNode given = result.get("params");
      if (given != null) {
        given.properties().forEach(entry -> params.put(entry.getKey(), entry.getValue().asText()));
      }
      runs.computeIfAbsent(shortName(result.get("benchmark").asText()), name -> new ArrayList<>())
          .add(new Run(params, score(metric)));
    }
  }

  /** The figure of {@code benchmark} ({@code Class.method}) with no parameters. */
  Optional<Score> score(String benchmark) {
    return score(benchmark, Map.of());
  }

  /** The figure of {@code benchmark} run with exactly {@code params}. */
  Optional<Score> score(String benchmark, Map<String, String> params) {
    return Optional.ofNullable(scores.get(key(benchmark, new TreeMap<>(params))));
  }

  /** Every run of {@code benchmark}, whatever its parameters. */
  List<Run> runs(String benchmark) {
    return runs.getOrDefault(benchmark, List.of());
  }

  /** The JVM the benchmarks ran on. */
  String jvm() {
    return jvm;
  }

  /** Forks, iterations and JVM flags of the run. */
  String runShape() {
    return runShape;
  }

  private static Score score(JsonNode metric) {
    double mean = metric.get("score").asDouble();
    JsonNode median = metric.path("scorePercentiles").path("50.0");
    return new Score(median.isNumber() ? median.asDouble() : mean, mean,
        metric.get("scoreError").asDouble(), metric.get("scoreUnit").asText());
  }

  private static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    int type = benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(type + 1);
  }

  private static String key(String benchmark, Map<String, String> sortedParams) {
    StringJoiner key = new StringJoiner(",", benchmark + "[", "]");
    sortedParams.forEach((name, value) -> key.add(name + "=" + value));
    return key.toString();
  }
}
