package dev.registrykit.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one subcommand after parsing: positional arguments in order, flags that were set
 * and option values (the last occurrence wins). Immutable.
 *
 * <p>Grammar: {@code --name value}, {@code --name=value}, {@code --flag}; {@code -h} is {@code
 * --help} and {@code -q} is {@code --quiet}; {@code --} ends the options; a lone {@code -} is a
 * positional argument. Options may appear before, between or after positional arguments.
 */
final class ParsedArgs {
  private final List<String> positionals;
  private final Set<String> flags;
  private final Map<String, String> values;
  private final List<String> options;

  private ParsedArgs(
      List<String> positionals,
      Set<String> flags,
      Map<String, String> values,
      List<String> options) {
    this.positionals = List.copyOf(positionals);
    this.flags = Set.copyOf(flags);
    this.values = Map.copyOf(values);
    this.options = List.copyOf(options);
  }

  /**
   * Parses {@code args} against the options a command accepts.
   *
   * @throws UsageException on an unknown option, a missing value or a value given to a flag
   */
  static ParsedArgs parse(List<String> args, List<OptionSpec> specs) {
    Map<String, OptionSpec> byName = new LinkedHashMap<>();
    for (OptionSpec spec : specs) {
      byName.put(spec.name(), spec);
    }
    List<String> positionals = new ArrayList<>();
    Set<String> flags = new LinkedHashSet<>();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> options = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = Objects.requireNonNull(args.get(i), "argument");
      if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
        positionals.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name;
      Optional<String> inline = Optional.empty();
      if (arg.equals("-h")) {
        name = "help";
      } else if (arg.equals("-q")) {
        name = "quiet";
      } else if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
        if (eq >= 0) {
          inline = Optional.of(arg.substring(eq + 1));
        }
      } else {
        throw new UsageException("unknown option " + optionName(arg));
      }
      OptionSpec spec = byName.get(name);
      if (spec == null) {
        throw new UsageException("unknown option --" + printable(name));
      }
      if (!spec.takesValue()) {
        if (inline.isPresent()) {
          throw new UsageException("option --" + name + " takes no value");
        }
        flags.add(name);
        options.add("--" + name);
      } else {
        String value;
        if (inline.isPresent()) {
          value = inline.get();
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("option --" + name + " needs a value " + spec.valueName().get());
        }
        values.put(name, value);
        options.add("--" + name + "=" + value);
      }
    }
    return new ParsedArgs(positionals, flags, values, options);
  }

  // The name only, never a value: "--creds=user:pass" must not be echoed.
  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return printable(eq < 0 ? arg : arg.substring(0, eq));
  }

  private static String printable(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  List<String> positionals() {
    return positionals;
  }

  boolean has(String flag) {
    return flags.contains(flag);
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** Every value given to a repeatable option, in command-line order. */
  List<String> values(String name) {
    String prefix = "--" + name + "=";
    List<String> all = new ArrayList<>();
    for (String option : options) {
      if (option.startsWith(prefix)) {
        all.add(option.substring(prefix.length()));
      }
    }
    return all;
  }

  /**
   * Every occurrence of the given options, in command-line order and normalised to {@code --flag}
   * and {@code --name=value}: for handing a command's own options to a parser that owns them
   * (repeated options included).
   */
  List<String> optionArgs(List<OptionSpec> specs) {
    Set<String> names = new LinkedHashSet<>();
    for (OptionSpec spec : specs) {
      names.add(spec.name());
    }
    List<String> selected = new ArrayList<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      if (names.contains(eq < 0 ? option.substring(2) : option.substring(2, eq))) {
        selected.add(option);
      }
    }
    return selected;
  }

  /** The value of an integer option, or {@code fallback}; a malformed value is a usage error. */
  int intValue(String name, int fallback, int min, int max) {
    Optional<String> raw = value(name);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v < min || v > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number");
    }
  }
}
