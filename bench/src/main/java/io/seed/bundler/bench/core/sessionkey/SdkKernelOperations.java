package io.seed.bundler.bench.core.sessionkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.sessionkey.GrantKey;
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

/**
 * The Kernel v3 permission and the operations that {@code @zerodev/permissions} built for it: the
 * golden vectors of bundler-core's tests ({@code sessionkey/golden/kernel-permissions.json}, put
 * on the benchmarks' class path by the bench pom), so the hot path is measured on exactly the
 * bytes an SDK sends.
 */
final class SdkKernelOperations {
  private static final String RESOURCE = "/sessionkey/golden/kernel-permissions.json";

  private final JsonNode file;

  private SdkKernelOperations(JsonNode file) {
    this.file = file;
  }

  static SdkKernelOperations load() {
    try (InputStream in = SdkKernelOperations.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new SdkKernelOperations(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long chainId() {
    return file.get("chainId").asLong();
  }

  /** The unix time the vectors' expectations hold at (inside the permission's time window). */
  long now() {
    return file.get("now").asLong();
  }

  EntryPoint entryPoint() {
    return new EntryPoint(Address.fromHex(file.get("entryPoint").asText()), EntryPointVersion.V0_7);
  }

  /** The grant the operations use: the account itself is the module holding the permission. */
  GrantKey grantKey() {
    Address account = Address.fromHex(file.get("account").asText());
    return new GrantKey(chainId(), entryPoint().address(), account, account,
        Bytes.fromHex(file.get("permissionId").asText()));
  }

  /** The permission's install data, as enable mode and {@code installValidations} carry it. */
  Bytes validatorData() {
    return Bytes.fromHex(file.get("validatorData").asText());
  }

  /** The operation of the vector called {@code name}. */
  PackedUserOperation operation(String name) {
    JsonNode op = vector(name).get("userOperation");
    return new PackedUserOperation(
        Address.fromHex(op.get("sender").asText()), uint(op, "nonce"), null, Bytes.EMPTY,
        Bytes.fromHex(op.get("callData").asText()), uint(op, "callGasLimit"),
        uint(op, "verificationGasLimit"), uint(op, "preVerificationGas"),
        uint(op, "maxFeePerGas"), uint(op, "maxPriorityFeePerGas"), null, BigInteger.ZERO,
        BigInteger.ZERO, Bytes.EMPTY, Bytes.fromHex(op.get("signature").asText()), null);
  }

  /** The userOpHash the SDK computed for the vector called {@code name}. */
  Bytes32 userOpHash(String name) {
    return Bytes32.fromHex(vector(name).get("userOpHash").asText());
  }

  private JsonNode vector(String name) {
    for (JsonNode vector : file.get("operations")) {
      if (vector.get("name").asText().equals(name)) {
        return vector;
      }
    }
    throw new IllegalArgumentException("no vector named '" + name + "' in " + RESOURCE);
  }

  private static BigInteger uint(JsonNode op, String field) {
    return new BigInteger(op.get(field).asText().substring(2), 16);
  }
}
