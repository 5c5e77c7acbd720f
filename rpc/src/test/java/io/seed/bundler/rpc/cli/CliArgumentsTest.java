package io.seed.bundler.rpc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {
  private static final List<CliOption> OPTIONS =
      List.of(
          CliOption.value("pool.max-ops", "8192", "most operations"),
          CliOption.value("node-url", null, "node"),
          CliOption.toggle("unsafe", "no rules"));

  @Test
  void shouldPreferFlagOverEnvironmentOverDefault() throws CliException {
    assertThat(parse(List.of(), Map.of()).required("pool.max-ops")).isEqualTo("8192");
    assertThat(parse(List.of(), Map.of("BUNDLER_POOL_MAX_OPS", "10")).required("pool.max-ops"))
        .isEqualTo("10");
    assertThat(
            parse(List.of("--pool.max-ops", "20"), Map.of("BUNDLER_POOL_MAX_OPS", "10"))
                .required("pool.max-ops"))
        .isEqualTo("20");
    assertThat(parse(List.of("--pool.max-ops=30"), Map.of()).integer("pool.max-ops")).isEqualTo(30);
  }

  @Test
  void shouldTreatSwitchesAsBooleans() throws CliException {
    assertThat(parse(List.of(), Map.of()).isSet("unsafe")).isFalse();
    assertThat(parse(List.of("--unsafe"), Map.of()).isSet("unsafe")).isTrue();
    assertThat(parse(List.of(), Map.of("BUNDLER_UNSAFE", "true")).isSet("unsafe")).isTrue();
    assertThat(parse(List.of("--unsafe=false"), Map.of()).isSet("unsafe")).isFalse();
  }

  @Test
  void shouldNameTheEnvironmentVariableOfAMissingRequiredOption() {
    assertThatThrownBy(() -> parse(List.of(), Map.of()).required("node-url"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--node-url")
        .hasMessageContaining("BUNDLER_NODE_URL");
  }

  @Test
  void shouldRejectUnknownOptionsMissingValuesAndStrayWords() {
    assertThatThrownBy(() -> parse(List.of("--nope"), Map.of()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--nope");
    assertThatThrownBy(() -> parse(List.of("--node-url"), Map.of()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> parse(List.of("stray"), Map.of()))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("stray");
  }

  @Test
  void shouldRejectANumberThatIsNotOne() {
    assertThatThrownBy(() -> parse(List.of("--pool.max-ops", "many"), Map.of()).integer("pool.max-ops"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("whole number");
  }

  private static CliArguments parse(List<String> args, Map<String, String> env) throws CliException {
    return CliArguments.parse(OPTIONS, args, env);
  }
}
