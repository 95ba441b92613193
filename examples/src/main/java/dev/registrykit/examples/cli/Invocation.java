package dev.registrykit.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a subcommand: its parsed arguments, the console, and the registry options common to
 * every remote command ({@code --insecure}, {@code --creds}, {@code --cert-dir}).
 */
final class Invocation {
  private final ParsedArgs args;
  private final Console console;

  Invocation(ParsedArgs args, Console console) {
    this.args = Objects.requireNonNull(args, "args");
    this.console = Objects.requireNonNull(console, "console");
  }

  ParsedArgs args() {
    return args;
  }

  List<String> positionals() {
    return args.positionals();
  }

  String positional(int index) {
    return args.positionals().get(index);
  }

  Console console() {
    return console;
  }

  /**
   * {@code --insecure}: plain HTTP and no TLS verification for the registries named on the line.
   */
  boolean insecure() {
    return args.has("insecure");
  }

  /**
   * {@code --creds USER:PASS}; the user must not contain a colon (HTTP Basic joins them with one).
   */
  Optional<UserPassword> creds() {
    return args.value("creds").map(v -> UserPassword.parse("creds", v));
  }

  /**
   * {@code --cert-dir DIR}: {@code *.crt} CA certificates to trust, and a {@code client.cert} with
   * its {@code client.key}.
   */
  Optional<Path> certDir() {
    return directory("cert-dir");
  }

  /**
   * How to reach the registries named on the line: {@code --insecure}, {@code --creds}, {@code
   * --cert-dir}.
   */
  RegistryAccess access() {
    return new RegistryAccess(insecure(), creds(), certDir(), registriesConf());
  }

  /**
   * How to reach one side of a copy ({@code src} or {@code dest}): the common options, each
   * replaced by its per-side form where given ({@code --src-creds}, {@code --src-tls-verify},
   * {@code --src-cert-dir}, as skopeo spells them).
   */
  RegistryAccess access(String side) {
    RegistryAccess common = access();
    boolean insecure =
        args.value(side + "-tls-verify")
            .map(v -> !bool(side + "-tls-verify", v))
            .orElse(common.insecure());
    Optional<UserPassword> creds =
        args.value(side + "-creds")
            .map(v -> UserPassword.parse(side + "-creds", v))
            .or(common::creds);
    Optional<Path> certDir = directory(side + "-cert-dir").or(common::certDir);
    return new RegistryAccess(insecure, creds, certDir, common.registriesConf());
  }

  private Optional<Path> directory(String option) {
    Optional<Path> dir = args.value(option).map(Path::of);
    if (dir.isPresent() && !Files.isDirectory(dir.get())) {
      throw new UsageException("--" + option + " is not a directory: " + dir.get());
    }
    return dir;
  }

  private static boolean bool(String option, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new UsageException("--" + option + " must be true or false");
    };
  }

  /**
   * {@code --registries-conf FILE}: a containers {@code registries.conf} to use instead of the
   * standard ones.
   */
  Optional<Path> registriesConf() {
    return args.value("registries-conf").map(Path::of);
  }
}
