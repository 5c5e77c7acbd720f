package io.seed.bundler.bench.core.sessionkey;

import com.fasterxml.jackson.databind.JsonNode;
import io.seed.bundler.core.sessionkey.GoldenVectors;
import io.seed.bundler.core.sessionkey.GrantKey;
import io.seed.bundler.core.types.Address;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.types.Bytes32;
import io.seed.bundler.core.userop.EntryPoint;
import io.seed.bundler.core.userop.PackedUserOperation;

/**
 * The Kernel v3 permission and the operations that {@code @zerodev/permissions} built for it: the
 * golden vectors of bundler-core's tests ({@code kernel-permissions.json}, read through the
 * test-jar's {@link GoldenVectors}), so the hot path is measured on exactly the bytes an SDK
 * sends and a regenerated vector set is measured as it is tested.
 */
final class SdkKernelOperations {
  private static final String FILE = "kernel-permissions.json";

  private final JsonNode file;

  private SdkKernelOperations(JsonNode file) {
    this.file = file;
  }

  static SdkKernelOperations load() {
    return new SdkKernelOperations(GoldenVectors.load(FILE));
  }

  long chainId() {
    return file.get("chainId").asLong();
  }

  /** The unix time the vectors' expectations hold at (inside the permission's time window). */
  long now() {
    return file.get("now").asLong();
  }

  EntryPoint entryPoint() {
    return GoldenVectors.entryPoint(file);
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
    return GoldenVectors.operation(vector(name));
  }

  /** The userOpHash the SDK computed for the vector called {@code name}. */
  Bytes32 userOpHash(String name) {
    return GoldenVectors.hash(vector(name));
  }

  private JsonNode vector(String name) {
    return GoldenVectors.operations(file)
        .filter(vector -> vector.get("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vector named '" + name + "' in "
            + FILE));
  }
}
