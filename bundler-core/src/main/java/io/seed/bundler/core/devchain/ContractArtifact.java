package io.seed.bundler.core.devchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.types.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A compiled contract from the {@code @account-abstraction/contracts} npm packages. */
record ContractArtifact(String name, Path file, Bytes creationCode) {

  /**
   * Reads {@code artifacts/<contract>.json} of the npm alias {@code package} (e.g. {@code
   * contracts-v07}) below {@code e2eDir}.
   */
  static ContractArtifact load(Path e2eDir, String packageAlias, String contract) {
    Path file =
        e2eDir.resolve("node_modules/@account-abstraction")
            .resolve(packageAlias)
            .resolve("artifacts")
            .resolve(contract + ".json");
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract artifact " + file, e);
    }
    JsonNode bytecode = json.get("bytecode");
    if (bytecode == null || !bytecode.isTextual()) {
      throw new IllegalStateException(file + " has no bytecode");
    }
    return new ContractArtifact(packageAlias + "/" + contract, file, Bytes.fromHex(bytecode.textValue()));
  }
}
