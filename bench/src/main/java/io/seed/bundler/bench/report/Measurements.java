package io.seed.bundler.bench.report;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of one run as the report asks for them: JMH medians by benchmark, and the
 * libsecp256k1 reference every ratio is to.
 */
final class Measurements {
  static final String HOT = "SessionKeyHotPathBenchmark.";
  static final String SIGNATURE = "SignatureBenchmark.";
  static final String MEMPOOL = "MempoolInsertBenchmark.insert";
  static final String SCOPE = "PermissionScopeBenchmark.scope";
  static final String FLOOD = "RejectionFloodBenchmark.";
  static final String SAFE_MODE = "SafeModeValidationBenchmark.";

  private final JmhResults jmh;
  private final NativeReference reference;

  Measurements(JmhResults jmh, NativeReference reference) {
    this.jmh = jmh;
    this.reference = reference;
  }

  JmhResults jmh() {
    return jmh;
  }

  NativeReference reference() {
    return reference;
  }

  /** libsecp256k1's ecdsa_recover, median over its runs. */
  double referenceNs() {
    return reference.recover().medianNs();
  }

  /** {@code ns} as a multiple of {@link #referenceNs()}. */
  String ratio(double ns) {
    return String.format(Locale.ROOT, "%.2f×", ns / referenceNs());
  }

  /**
   * The median score of a benchmark without parameters, if it ran: ns/op for the average-time
   * benchmarks, operations/s for the throughput ones ({@link #FLOOD}).
   */
  OptionalDouble score(String benchmark) {
    return jmh.score(benchmark).map(s -> OptionalDouble.of(s.value()))
        .orElse(OptionalDouble.empty());
  }

  /** The scope check's median for a tree of {@code permissions} and a batch of {@code calls}. */
  OptionalDouble scopeNs(int permissions, int calls) {
    return jmh.score(SCOPE, Map.of("permissions", Integer.toString(permissions), "calls",
        Integer.toString(calls))).map(s -> OptionalDouble.of(s.value()))
        .orElse(OptionalDouble.empty());
  }

  /** The mempool run with the most admissions per second for {@code sync}, if any ran. */
  Optional<JmhResults.Run> bestMempool(String sync) {
    return jmh.runs(MEMPOOL).stream()
        .filter(r -> sync.equals(r.params().get("sync")))
        .max(Comparator.comparingDouble(r -> r.score().value()));
  }
}
