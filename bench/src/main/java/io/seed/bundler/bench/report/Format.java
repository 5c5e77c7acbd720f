package io.seed.bundler.bench.report;

import java.util.Locale;
import java.util.OptionalDouble;

/** How the report writes figures: durations in the unit that suits them, counts, shares. */
final class Format {
  private Format() {}

  /** Nanoseconds as ns, µs or ms. */
  static String duration(double ns) {
    if (ns < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", ns);
    }
    if (ns < 1_000_000) {
      return String.format(Locale.ROOT, ns < 10_000 ? "%.2f µs" : "%.1f µs", ns / 1_000);
    }
    return String.format(Locale.ROOT, "%.2f ms", ns / 1_000_000);
  }

  /** A duration, or "not measured". */
  static String orMissing(OptionalDouble ns) {
    return ns.isPresent() ? duration(ns.getAsDouble()) : "not measured";
  }

  /** Milliseconds as given, or a dash. */
  static String millis(OptionalDouble ms) {
    return ms.isPresent() ? String.format(Locale.ROOT, "%.2f ms", ms.getAsDouble()) : "–";
  }

  /** A plain number with two decimals, or a dash. */
  static String plain(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "–";
  }

  /** A whole count with thousands separators. */
  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  /** A share of 1 as a whole percentage. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
