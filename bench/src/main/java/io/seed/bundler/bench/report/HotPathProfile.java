package io.seed.bundler.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the hot path spends its time, from a JDK Flight Recorder recording of the benchmark
 * ({@code -prof jfr}): of the CPU samples taken on JMH's worker thread, the share inside each
 * stage of the pre-validator (a sample counts for every stage on its stack) and the methods most
 * often on top of the stack.
 */
record HotPathProfile(int samples, Map<String, Double> stageShares, List<Share> hottestMethods) {

  /** A method and the share of samples with it on top of the stack. */
  record Share(String method, double share) {}

  private static final int HOTTEST = 12;

  /** Stages by the frame that enters them, in the order the pre-validator runs them. */
  private static final Map<String, Predicate<RecordedFrame>> STAGES = stages();

  static HotPathProfile read(Path recording) throws IOException {
    Map<String, Integer> inStage = new LinkedHashMap<>();
    Map<String, Integer> onTop = new HashMap<>();
    int samples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null
          || !event.getThread("sampledThread").getJavaName().contains("jmh-worker")) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (!frames.isEmpty()) {
        onTop.merge(name(frames.get(0)), 1, Integer::sum);
      }
      STAGES.forEach((stage, enters) -> {
        if (frames.stream().anyMatch(enters)) {
          inStage.merge(stage, 1, Integer::sum);
        }
      });
    }
    int total = samples;
    Map<String, Double> stageShares = new LinkedHashMap<>();
    STAGES.keySet().forEach(stage ->
        stageShares.put(stage, total == 0 ? 0 : inStage.getOrDefault(stage, 0) / (double) total));
    List<Share> hottest = new ArrayList<>();
    onTop.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(HOTTEST)
        .forEach(entry ->
            hottest.add(new Share(entry.getKey(), entry.getValue() / (double) total)));
    return new HotPathProfile(samples, stageShares, hottest);
  }

  private static Map<String, Predicate<RecordedFrame>> stages() {
    Map<String, Predicate<RecordedFrame>> stages = new LinkedHashMap<>();
    stages.put("hash (UserOperationHasher.hash)",
        frame -> is(frame, "io.seed.bundler.core.userop.UserOperationHasher", "hash"));
    stages.put("decode (SessionKeyFormat.grantKey, decode)",
        frame -> type(frame).startsWith("io.seed.bundler.core.sessionkey.")
            && type(frame).endsWith("Format")
            && (method(frame).equals("grantKey") || method(frame).equals("decode")));
    stages.put("grant look-up (GrantCache)",
        frame -> type(frame).equals("io.seed.bundler.core.sessionkey.GrantCache"));
    stages.put("scope, call data decoding included (SessionOperation.checkScope)",
        frame -> type(frame).startsWith("io.seed.bundler.core.sessionkey.")
            && method(frame).equals("checkScope"));
    stages.put("signature (SignerVerification.check)",
        frame -> is(frame, "io.seed.bundler.core.sessionkey.SignerVerification", "check"));
    stages.put("elliptic-curve field and point arithmetic, anywhere (org.bouncycastle.math)",
        frame -> type(frame).startsWith("org.bouncycastle.math."));
    stages.put("BigInteger arithmetic, anywhere (java.math)",
        frame -> type(frame).startsWith("java.math."));
    return stages;
  }

  private static boolean is(RecordedFrame frame, String type, String method) {
    return type(frame).equals(type) && method(frame).equals(method);
  }

  private static String type(RecordedFrame frame) {
    return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
  }

  private static String method(RecordedFrame frame) {
    return frame.getMethod() == null ? "" : frame.getMethod().getName();
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod() == null ? "(unknown)" : type(frame) + "." + method(frame);
  }
}
