package dev.registrykit.examples.cli;

import java.util.List;
import java.util.Objects;

/**
 * What a subcommand looks like from outside: its name, arguments, help and options.
 *
 * @param name the subcommand, e.g. {@code push}
 * @param arguments the positional arguments as shown in help, e.g. {@code LAYOUT_DIR[:TAG]
 *     REFERENCE}
 * @param summary one line for the overview
 * @param details a paragraph for {@code --help}; may be empty
 * @param options the command's own options (the common ones are added by the command line)
 * @param minArgs the fewest positional arguments accepted
 * @param maxArgs the most positional arguments accepted ({@link Integer#MAX_VALUE} for any)
 * @param remote whether the command talks to registries (and so takes {@code --insecure}, {@code
 *     --cert-dir})
 */
record CommandSpec(
    String name,
    String arguments,
    String summary,
    String details,
    List<OptionSpec> options,
    int minArgs,
    int maxArgs,
    boolean remote) {

  CommandSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(details, "details");
    options = List.copyOf(options);
    if (minArgs < 0 || maxArgs < minArgs) {
      throw new IllegalArgumentException("bad argument counts for " + name);
    }
  }
}
