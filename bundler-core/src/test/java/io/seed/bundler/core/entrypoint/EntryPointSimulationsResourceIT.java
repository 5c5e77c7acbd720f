package io.seed.bundler.core.entrypoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seed.bundler.core.testing.AnvilFixture;
import io.seed.bundler.core.types.Bytes;
import io.seed.bundler.core.userop.EntryPointVersion;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EntryPointSimulationsResourceIT {

  @ParameterizedTest
  @EnumSource(value = EntryPointVersion.class, names = {"V0_7", "V0_8"})
  void shouldShipTheCreationCodeOfTheNpmArtifact(EntryPointVersion version) throws IOException {
    Path artifact =
        AnvilFixture.e2eDir()
            .resolve("node_modules/@account-abstraction/contracts-v0" + version.label().substring(2))
            .resolve("artifacts/EntryPointSimulations.json");
    String bytecode = new ObjectMapper().readTree(artifact.toFile()).get("bytecode").asText();

    assertThat(EntryPointSimulationsCode.creationCode(version)).isEqualTo(Bytes.fromHex(bytecode));
  }
}
