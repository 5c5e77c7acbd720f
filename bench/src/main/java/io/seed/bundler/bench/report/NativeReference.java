package io.seed.bundler.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench/native/secp256k1_bench} measured: libsecp256k1's {@code ecdsa_recover} and
 * {@code ecdsa_verify}. The script runs it right before and right after the headline benchmarks;
 * the figures pool the runs of both, so drift in the machine's load while those run falls into
 * the reference too, and the recover median of each invocation is kept to show that drift.
 */
record NativeReference(
    String library,
    int runs,
    long iterations,
    Spread recover,
    Spread verify,
    List<Double> recoverMedianPerInvocation) {

  /** Median, minimum and maximum ns/op over the runs. */
  record Spread(double medianNs, double minNs, double maxNs) {
    static Spread of(List<Double> runs) {
      List<Double> sorted = runs.stream().sorted().toList();
      int middle = sorted.size() / 2;
      double median = sorted.size() % 2 == 1 ? sorted.get(middle)
          : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
      return new Spread(median, sorted.getFirst(), sorted.getLast());
    }
  }

  /** The reference pooled over the invocations in {@code files}, in the order they ran. */
  static NativeReference read(List<Path> files) throws IOException {
    List<Double> recover = new ArrayList<>();
    List<Double> verify = new ArrayList<>();
    List<Double> perInvocation = new ArrayList<>();
    JsonNode first = null;
    for (Path file : files) {
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      first = first == null ? json : first;
      List<Double> recoverRuns = runs(json.get("recover"));
      recover.addAll(recoverRuns);
      verify.addAll(runs(json.get("verify")));
      perInvocation.add(Spread.of(recoverRuns).medianNs());
    }
    if (first == null) {
      throw new IllegalArgumentException("no reference measurement given");
    }
    return new NativeReference(
        first.get("library").asText() + " " + first.get("libraryVersion").asText() + ", "
            + first.get("compiler").asText(),
        recover.size(), first.get("iterations").asLong(), Spread.of(recover), Spread.of(verify),
        List.copyOf(perInvocation));
  }

  private static List<Double> runs(JsonNode figure) {
    List<Double> runs = new ArrayList<>();
    figure.get("runsNs").forEach(run -> runs.add(run.asDouble()));
    return runs;
  }
}
