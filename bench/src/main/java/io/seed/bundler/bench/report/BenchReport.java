package io.seed.bundler.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.md} and {@code hot-path.svg} into a results directory from what one run of
 * {@code bench/report.sh} left there ({@code jmh-headline.json} and {@code jmh-rest.json}, {@code
 * secp256k1-before.json} and {@code secp256k1-after.json}, {@code hot-path.jfr}) and from the load
 * benchmark's newest result, if any.
 *
 * <p>Run by the script: {@code java -cp bench/target/benchmarks.jar
 * io.seed.bundler.bench.report.BenchReport --dir DIR --stamp S --mode quick --command C --commit
 * C --load-before L [--load-results bench/load/results]}.
 */
public final class BenchReport {
  static final String REPORT = "report.md";
  static final String CHART = "hot-path.svg";
  static final String JMH_HEADLINE = "jmh-headline.json";
  static final String JMH_REST = "jmh-rest.json";
  static final String NATIVE_BEFORE = "secp256k1-before.json";
  static final String NATIVE_AFTER = "secp256k1-after.json";
  static final String PROFILE = "hot-path.jfr";

  private BenchReport() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    Path directory = Path.of(required(options, "dir"));
    Path report = write(directory, new ValidationReport.RunInfo(
        required(options, "stamp"), required(options, "mode"), required(options, "command"),
        machine(), required(options, "commit"), required(options, "load-before"), loadAverage(),
        CHART), Optional.ofNullable(options.get("load-results")).map(Path::of));
    System.out.println(report);
  }

  /** Reads the run's files in {@code directory}, writes report and chart, returns the report. */
  static Path write(Path directory, ValidationReport.RunInfo run, Optional<Path> loadResults)
      throws IOException {
    JmhResults jmh = JmhResults.read(present(directory, JMH_HEADLINE, JMH_REST));
    NativeReference reference =
        NativeReference.read(present(directory, NATIVE_BEFORE, NATIVE_AFTER));
    Optional<LoadResults> load = loadResults.isPresent()
        ? LoadResults.newest(loadResults.get()) : Optional.empty();
    Path recording = directory.resolve(PROFILE);
    Optional<HotPathProfile> profile = Files.isRegularFile(recording)
        ? Optional.of(HotPathProfile.read(recording)) : Optional.empty();
    ValidationReport report =
        new ValidationReport(run, new Measurements(jmh, reference), load, profile);
    Files.writeString(directory.resolve(CHART), BarChart.render(
        "One session-key operation against libsecp256k1, same machine, same run", report.bars(),
        "libsecp256k1 ecdsa_recover", report.referenceNs()), StandardCharsets.UTF_8);
    Path markdown = directory.resolve(REPORT);
    Files.writeString(markdown, report.markdown(), StandardCharsets.UTF_8);
    return markdown;
  }

  private static List<Path> present(Path directory, String... names) {
    List<Path> files = new ArrayList<>();
    for (String name : names) {
      if (Files.isRegularFile(directory.resolve(name))) {
        files.add(directory.resolve(name));
      }
    }
    return files;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  /** CPU model, core count and memory, from /proc where there is one. */
  private static String machine() {
    String cpu = procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch"));
    String memory = procLine("/proc/meminfo", "MemTotal")
        .map(kib -> String.format(Locale.ROOT, ", %.0f GiB",
            Long.parseLong(kib.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
        .orElse("");
    return Runtime.getRuntime().availableProcessors() + " × " + cpu + memory + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException unreadable) {
      return "unknown";
    }
  }

  private static Optional<String> procLine(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
