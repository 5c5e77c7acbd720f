package io.seed.bundler.rpc.cli;

import java.util.Locale;

/**
 * One command-line option: its flag, the environment variable that can set it instead, its
 * default and what it does. A flag beats the environment, the environment beats the default.
 *
 * @param flag the long flag without dashes, e.g. {@code pool.max-ops}
 * @param defaultValue the value when neither flag nor environment sets it; {@code null} when none
 * @param isSwitch true for flags that take no value ({@code --unsafe})
 * @param description one line for {@code --help} and the README table
 */
record CliOption(String flag, String defaultValue, boolean isSwitch, String description) {

  static CliOption value(String flag, String defaultValue, String description) {
    return new CliOption(flag, defaultValue, false, description);
  }

  static CliOption toggle(String flag, String description) {
    return new CliOption(flag, null, true, description);
  }

  /** {@code pool.max-ops} becomes {@code BUNDLER_POOL_MAX_OPS}. */
  String environmentVariable() {
    return "BUNDLER_" + flag.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
