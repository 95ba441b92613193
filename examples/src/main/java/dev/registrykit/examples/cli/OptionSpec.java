package dev.registrykit.examples.cli;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code --option} a command accepts: a flag, or an option taking a value ({@code --port 5000}
 * or {@code --port=5000}).
 *
 * @param name the long name without dashes, e.g. {@code port}
 * @param valueName the placeholder shown in help for an option with a value, empty for a flag
 * @param help one line for {@code --help}
 */
record OptionSpec(String name, Optional<String> valueName, String help) {

  OptionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(valueName, "valueName");
    Objects.requireNonNull(help, "help");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("bad option name: " + name);
    }
  }

  static OptionSpec flag(String name, String help) {
    return new OptionSpec(name, Optional.empty(), help);
  }

  static OptionSpec value(String name, String valueName, String help) {
    return new OptionSpec(name, Optional.of(valueName), help);
  }

  boolean takesValue() {
    return valueName.isPresent();
  }

  /** How the option appears in help: {@code --port PORT}. */
  String display() {
    return valueName.map(v -> "--" + name + " " + v).orElse("--" + name);
  }
}
