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

  /** Stages by what their samples' stacks hold, in the order the pre-validator runs them. */
  private static final Map<String, Predicate<List<RecordedFrame>>> STAGES = stages();

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
      STAGES.forEach((stage, holds) -> {
        if (holds.test(frames)) {
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

  private static Map<String, Predicate<List<RecordedFrame>>> stages() {
    String sessionKey = "io.seed.bundler.core.sessionkey.";
    String crypto = sessionKey + "crypto.";
    Predicate<RecordedFrame> tableWalk =
        frame -> is(frame, crypto + "FixedWindowTable", "addMultiple");
    // u1·G is walked inside matches(), once per hash tried; u2·Q before it, once per signature.
    Predicate<RecordedFrame> hashMatch =
        frame -> is(frame, crypto + "SessionKeyPublicKey", "matches");
    Map<String, Predicate<List<RecordedFrame>>> stages = new LinkedHashMap<>();
    stages.put("hash (UserOperationHasher.hash)",
        any(frame -> is(frame, "io.seed.bundler.core.userop.UserOperationHasher", "hash")));
    stages.put("decode (SessionKeyFormat.grantKey, decode)",
        any(frame -> type(frame).startsWith(sessionKey) && type(frame).endsWith("Format")
            && (method(frame).equals("grantKey") || method(frame).equals("decode"))));
    stages.put("grant look-up (GrantCache)",
        any(frame -> type(frame).equals(sessionKey + "GrantCache")));
    stages.put("scope, call data decoding included (SessionOperation.checkScope)",
        any(frame -> type(frame).startsWith(sessionKey) && method(frame).equals("checkScope")));
    stages.put("signature (SignerVerification.check)",
        any(frame -> is(frame, sessionKey + "SignerVerification", "check")));
    stages.put("… u2·Q, the session key's table walk",
        any(tableWalk).and(any(hashMatch).negate()));
    stages.put("… u1·G, the generator's table walk", any(tableWalk).and(any(hashMatch)));
    stages.put("… s⁻¹ mod n (BigIntegers.modOddInverseVar)",
        any(frame -> is(frame, "org.bouncycastle.util.BigIntegers", "modOddInverseVar")));
    stages.put("… R's y parity, one field inversion (JacobianPoint.affineYParity)",
        any(frame -> is(frame, crypto + "JacobianPoint", "affineYParity")));
    stages.put("field and point arithmetic, anywhere (FieldElement, JacobianPoint,"
            + " org.bouncycastle.math)",
        any(frame -> type(frame).equals(crypto + "FieldElement")
            || type(frame).equals(crypto + "JacobianPoint")
            || type(frame).startsWith("org.bouncycastle.math.")));
    stages.put("BigInteger arithmetic, anywhere (java.math)",
        any(frame -> type(frame).startsWith("java.math.")));
    return stages;
  }

  private static Predicate<List<RecordedFrame>> any(Predicate<RecordedFrame> frame) {
    return frames -> frames.stream().anyMatch(frame);
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
