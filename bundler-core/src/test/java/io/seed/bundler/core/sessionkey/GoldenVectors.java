package io.seed.bundler.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import io.seed.bundler.core.validation.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads the SDK-generated vectors under {@code sessionkey/golden/} (see e2e/golden). */
public final class GoldenVectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GoldenVectors() {}

  /** The parsed file {@code name}. */
  public static JsonNode load(String name) {
    try (InputStream in = GoldenVectors.class.getResourceAsStream("/sessionkey/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden vector file " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The vectors of a file's {@code operations} array. */
  public static Stream<JsonNode> operations(JsonNode file) {
    return StreamSupport.stream(file.get("operations").spliterator(), false);
  }

  /** The operation in a vector's {@code userOperation} field. */
  public static PackedUserOperation operation(JsonNode vector) {
    JsonNode op = vector.get("userOperation");
    return new PackedUserOperation(
        Address.fromHex(op.get("sender").asText()),
        uint(op, "nonce"),
        null,
        Bytes.EMPTY,
        Bytes.fromHex(op.get("callData").asText()),
        uint(op, "callGasLimit"),
        uint(op, "verificationGasLimit"),
        uint(op, "preVerificationGas"),
        uint(op, "maxFeePerGas"),
        uint(op, "maxPriorityFeePerGas"),
        null,
        BigInteger.ZERO,
        BigInteger.ZERO,
        Bytes.EMPTY,
        Bytes.fromHex(op.get("signature").asText()),
        null);
  }

  /** The vector's userOpHash. */
  public static Bytes32 hash(JsonNode vector) {
    return Bytes32.fromHex(vector.get("userOpHash").asText());
  }

  /** The EntryPoint v0.7 the vectors were built for. */
  public static EntryPoint entryPoint(JsonNode file) {
    return new EntryPoint(Address.fromHex(file.get("entryPoint").asText()),
        EntryPointVersion.V0_7);
  }

  /**
   * Asserts the vector's {@code expect}: PASS, REJECT_SIGNATURE, or REJECT:substring for a
   * revert-class rejection whose message contains the substring.
   */
  public static void assertExpected(JsonNode vector, Verdict verdict) {
    String expect = vector.get("expect").asText();
    if (expect.equals("PASS")) {
      assertThat(verdict.kind()).as(verdict.message()).isEqualTo(Verdict.Kind.PASS);
    } else if (expect.equals("REJECT_SIGNATURE")) {
      assertThat(verdict.reason()).isEqualTo(RejectionReason.INVALID_SIGNATURE);
    } else {
      assertThat(verdict.reason()).isEqualTo(RejectionReason.REJECTED_BY_ENTRYPOINT_OR_ACCOUNT);
      assertThat(verdict.message()).startsWith("session key: ")
          .contains(expect.substring("REJECT:".length()));
    }
  }

  private static BigInteger uint(JsonNode op, String field) {
    return new BigInteger(op.get(field).asText().substring(2), 16);
  }
}
