package io.seed.bundler.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code bench/native/secp256k1_bench} measured: libsecp256k1's {@code ecdsa_recover} and
 * {@code ecdsa_verify}, the median and spread of its runs' ns/op.
 */
record NativeReference(
    String library,
    int runs,
    long iterations,
    Spread recover,
    Spread verify) {

  /** Median, minimum and maximum ns/op over the runs. */
  record Spread(double medianNs, double minNs, double maxNs) {
    static Spread of(JsonNode figure) {
      return new Spread(figure.get("medianNs").asDouble(), figure.get("minNs").asDouble(),
          figure.get("maxNs").asDouble());
    }
  }

  static NativeReference read(Path file) throws IOException {
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    return new NativeReference(
        json.get("library").asText() + " " + json.get("libraryVersion").asText() + ", "
            + json.get("compiler").asText(),
        json.get("runs").asInt(), json.get("iterations").asLong(),
        Spread.of(json.get("recover")), Spread.of(json.get("verify")));
  }
}
