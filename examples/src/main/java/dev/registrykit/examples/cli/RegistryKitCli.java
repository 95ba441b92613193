package dev.registrykit.examples.cli;

import dev.registrykit.client.internal.logging.Logging;
import dev.registrykit.core.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code registrykit} command line: {@code registrykit SUBCOMMAND [OPTIONS] ARGS…}.
 *
 * <p>Run {@code registrykit --help} for the list of subcommands and {@code registrykit SUBCOMMAND
 * --help} for each one. Exit code {@code 0} on success, {@code 2} for a usage error or invalid
 * input, {@code 1} for any other failure, with a one-line message on standard error (a stack trace
 * too with {@code --debug}).
 */
public final class RegistryKitCli {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;

  private static final List<OptionSpec> COMMON =
      List.of(
          OptionSpec.flag("help", "show this help"),
          OptionSpec.flag("quiet", "print results only, no progress or status lines"),
          OptionSpec.flag("debug", "print a stack trace on failure"));

  private static final List<OptionSpec> REMOTE =
      List.of(
          OptionSpec.flag(
              "insecure",
              "no TLS certificate verification, or plain HTTP, for the registries named here"),
          OptionSpec.value(
              "creds",
              "USER:PASS",
              "credentials for the registries named here (default: docker login's)"),
          OptionSpec.value(
              "cert-dir",
              "DIR",
              "trust the CA certificates (*.crt) in DIR, present its client.cert/client.key (default: certs.d/HOST:PORT)"),
          OptionSpec.value(
              "registries-conf",
              "FILE",
              "mirrors, rewrites, insecure and blocked registries (default: containers' registries.conf, daemon.json)"));

  private final Map<String, Command> commands = new LinkedHashMap<>();

  // Package-private as a test seam: tests run the parser and error handling on their own commands.
  RegistryKitCli(List<Command> commands) {
    for (Command command : commands) {
      this.commands.put(command.spec().name(), command);
    }
  }

  /** The command line with every subcommand. */
  static RegistryKitCli standard() {
    return new RegistryKitCli(Commands.all());
  }

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the subcommand and its arguments
   */
  public static void main(String[] args) {
    // Before anything starts SLF4J: `serve` starts Jetty, which would print SLF4J's
    // "no providers" notice ahead of the fake's address line.
    Logging.quietWithoutProvider();
    int code =
        standard().run(Arrays.asList(args), System.in, System.out, System.err, stdoutIsTerminal());
    System.out.flush();
    System.exit(code);
  }

  /**
   * Whether standard output is a terminal. Up to Java 21 {@link System#console()} exists only when
   * standard input and output are terminals; from Java 22 on it may exist anyway, and its {@code
   * isTerminal()} says (looked up by name: this is compiled for Java 17).
   */
  private static boolean stdoutIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(java.io.Console.class.getMethod("isTerminal").invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Runs one command line in this JVM and returns its exit code; the seam the tests use.
   *
   * @param terminal whether {@code out} is a terminal (progress bars redraw in place)
   */
  int run(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
    return run(args, InputStream.nullInputStream(), out, err, terminal);
  }

  /** {@link #run(List, PrintStream, PrintStream, boolean)} with {@code in} as standard input. */
  int run(List<String> args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
    Objects.requireNonNull(args, "args");
    if (args.isEmpty()) {
      err.println("registrykit: missing subcommand (see 'registrykit --help')");
      return USAGE;
    }
    String name = args.get(0);
    if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
      if (args.size() > 1 && commands.containsKey(args.get(1))) {
        out.print(help(commands.get(args.get(1)).spec()));
      } else {
        out.print(overview());
      }
      return OK;
    }
    Command command = commands.get(name);
    if (command == null) {
      err.println(
          "registrykit: unknown subcommand '" + oneLine(name) + "' (see 'registrykit --help')");
      return USAGE;
    }
    CommandSpec spec = command.spec();
    List<String> rest = args.subList(1, args.size());
    boolean debug = rest.contains("--debug");
    List<String> secrets = secretsIn(rest);
    try {
      ParsedArgs parsed = ParsedArgs.parse(rest, optionsOf(spec));
      if (parsed.has("help")) {
        out.print(help(spec));
        return OK;
      }
      int count = parsed.positionals().size();
      if (count < spec.minArgs()) {
        throw new UsageException("missing arguments, expected " + spec.arguments());
      }
      if (count > spec.maxArgs()) {
        throw new UsageException("too many arguments, expected " + spec.arguments());
      }
      Console console = new Console(in, out, err, terminal, parsed.has("quiet"));
      command.run(new Invocation(parsed, console));
      out.flush();
      return OK;
    } catch (UsageException e) {
      err.println(
          "registrykit "
              + spec.name()
              + ": "
              + redact(oneLine(String.valueOf(e.getMessage())), secrets)
              + " (see 'registrykit "
              + spec.name()
              + " --help')");
      return USAGE;
    } catch (Exception e) {
      out.flush();
      err.println("registrykit " + spec.name() + ": " + redact(describe(e), secrets));
      if (debug) {
        e.printStackTrace(err);
      }
      return exitCode(e);
    }
  }

  /** Invalid input (a malformed reference, digest or platform) is a usage error: exit code 2. */
  private static int exitCode(Exception e) {
    return e instanceof IllegalArgumentException ? USAGE : FAILURE;
  }

  private static String describe(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String message = t.getMessage();
    if (message == null || message.isBlank()) {
      message = t.getClass().getSimpleName();
    } else if (!(t instanceof IOException)
        && !(t instanceof IllegalArgumentException)
        && !(t instanceof IllegalStateException)) {
      message = t.getClass().getSimpleName() + ": " + message;
    }
    // Messages carry what registries and files said; the client escapes what it quotes, and this
    // last step before the terminal escapes whatever any other layer let through.
    return oneLine(UntrustedText.display(CliHints.forCommandLine(message)));
  }

  static String oneLine(String s) {
    return s.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  // The passwords from --creds/--user and the per-side --src-creds/--dest-creds, so that no
  // message can echo them, whatever produced it.
  private static List<String> secretsIn(List<String> args) {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String option : List.of("--creds", "--user", "--src-creds", "--dest-creds")) {
        String value = null;
        if (a.equals(option) && i + 1 < args.size()) {
          value = args.get(i + 1);
        } else if (a.startsWith(option + "=")) {
          value = a.substring(option.length() + 1);
        }
        if (value != null && value.indexOf(':') >= 0) {
          String password = value.substring(value.indexOf(':') + 1);
          if (!password.isEmpty()) {
            secrets.add(password);
          }
        }
      }
    }
    return secrets;
  }

  private static String redact(String message, List<String> secrets) {
    String redacted = message;
    for (String secret : secrets) {
      redacted = redacted.replace(secret, "***");
    }
    return redacted;
  }

  private static List<OptionSpec> optionsOf(CommandSpec spec) {
    List<OptionSpec> all = new ArrayList<>(spec.options());
    if (spec.remote()) {
      all.addAll(REMOTE);
    }
    all.addAll(COMMON);
    return all;
  }

  String overview() {
    StringBuilder b = new StringBuilder();
    b.append("Usage: registrykit SUBCOMMAND [OPTIONS] ARGS...\n\n");
    b.append(
        "Container image registries from Java: references, push, pull, copy, a fake registry.\n\n");
    b.append("Subcommands:\n");
    int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
    for (Command c : commands.values()) {
      b.append("  ").append(pad(c.spec().name(), width)).append("  ").append(c.spec().summary());
      b.append('\n');
    }
    b.append("\nRun 'registrykit SUBCOMMAND --help' for the arguments and options of each.\n");
    b.append(
        "Exit code 0 on success, 2 for a usage error or invalid input, 1 for other failures.\n");
    return b.toString();
  }

  static String help(CommandSpec spec) {
    StringBuilder b = new StringBuilder();
    b.append("Usage: registrykit ").append(spec.name()).append(" [OPTIONS]");
    if (!spec.arguments().isEmpty()) {
      b.append(' ').append(spec.arguments());
    }
    b.append("\n\n").append(spec.summary()).append('\n');
    if (!spec.details().isEmpty()) {
      b.append('\n').append(spec.details().strip()).append('\n');
    }
    List<OptionSpec> options = optionsOf(spec);
    int width = options.stream().mapToInt(o -> o.display().length()).max().orElse(0);
    b.append("\nOptions:\n");
    for (OptionSpec o : options) {
      b.append("  ").append(pad(o.display(), width)).append("  ").append(o.help()).append('\n');
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
