package io.seed.bundler.core.sessionkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.EntryPointVersion;
import io.seed.bundler.core.userop.PackedUserOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

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

  private static BigInteger uint(JsonNode op, String field) {
    return new BigInteger(op.get(field).asText().substring(2), 16);
  }
}
