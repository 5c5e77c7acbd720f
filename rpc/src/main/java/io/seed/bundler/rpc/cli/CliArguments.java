package io.seed.bundler.rpc.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed values of a command's options, resolved from flags, then environment variables, then
 * defaults. Unknown flags and missing values are errors, reported as {@link CliException}.
 */
final class CliArguments {
  private final Map<String, CliOption> options = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();

  private CliArguments(List<CliOption> declared) {
    for (CliOption option : declared) {
      options.put(option.flag(), option);
    }
  }

  static CliArguments parse(List<CliOption> declared, List<String> args, Map<String, String> env)
      throws CliException {
    CliArguments parsed = new CliArguments(declared);
    for (CliOption option : declared) {
      String fromEnv = env.get(option.environmentVariable());
      if (fromEnv != null && !fromEnv.isBlank()) {
        parsed.values.put(option.flag(), fromEnv.trim());
      } else if (option.defaultValue() != null) {
        parsed.values.put(option.flag(), option.defaultValue());
      }
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new CliException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String inline = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        inline = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      CliOption option = parsed.options.get(name);
      if (option == null) {
        throw new CliException("unknown option --" + name + " (see --help)");
      }
      if (option.isSwitch()) {
        parsed.values.put(name, inline == null ? "true" : inline);
      } else if (inline != null) {
        parsed.values.put(name, inline);
      } else if (i + 1 < args.size()) {
        parsed.values.put(name, args.get(++i));
      } else {
        throw new CliException("option --" + name + " needs a value");
      }
    }
    return parsed;
  }

  Optional<String> optional(String flag) {
    requireDeclared(flag);
    return Optional.ofNullable(values.get(flag));
  }

  String required(String flag) throws CliException {
    return optional(flag)
        .orElseThrow(
            () ->
                new CliException(
                    "--"
                        + flag
                        + " is required (or set "
                        + options.get(flag).environmentVariable()
                        + ")"));
  }

  boolean isSet(String flag) {
    return optional(flag).map(v -> !v.equalsIgnoreCase("false")).orElse(false);
  }

  int integer(String flag) throws CliException {
    String raw = required(flag);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new CliException("--" + flag + " must be a whole number, got '" + raw + "'");
    }
  }

  long longValue(String flag) throws CliException {
    String raw = required(flag);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new CliException("--" + flag + " must be a whole number, got '" + raw + "'");
    }
  }

  private void requireDeclared(String flag) {
    if (!options.containsKey(flag)) {
      throw new IllegalArgumentException("option not declared: " + flag);
    }
  }
}
