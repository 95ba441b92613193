package dev.registrykit.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs the real {@code skopeo} binary: {@code copy}, {@code inspect} and {@code list-tags}, each
 * with a bounded timeout, capturing stdout and stderr.
 *
 * <p>Every run passes {@code --insecure-policy} (no dependence on {@code
 * /etc/containers/policy.json}) and {@code --retry-times 0} (a failure shows at once instead of
 * after retries hide it). The checked methods ({@link #copy}, {@link #inspect}, {@link #listTags},
 * {@link #runChecked}) throw {@link SkopeoException} on a non-zero exit, with the command line and
 * stderr in the message; {@code --creds} values and passwords are replaced by {@code ***} there and
 * in {@link SkopeoResult}.
 *
 * <pre>{@code
 * Skopeo skopeo = Skopeo.create();
 * skopeo.copy("oci:" + layoutDir + ":v1", registry.dockerReference("demo/app:v1"),
 *     SkopeoAccess.local(), SkopeoAccess.of(registry));
 * String json = skopeo.inspect(registry.dockerReference("demo/app:v1"), SkopeoAccess.of(registry),
 *     "--raw").stdout();
 * }</pre>
 *
 * <p>Immutable and thread-safe; each call starts its own process.
 */
public final class Skopeo {

  /** The default per-command timeout: generous for a 512 MiB copy on a busy 2-core machine. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Path binary;
  private final Duration timeout;

  private Skopeo(Path binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  /**
   * A runner for the installed skopeo (see {@link Peers#skopeoBinary()}).
   *
   * @return the runner
   * @throws IllegalStateException if skopeo is not installed; run {@code scripts/install-peers.sh}
   */
  public static Skopeo create() {
    return new Skopeo(
        Peers.skopeoBinary()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "skopeo not installed; run `bash scripts/install-peers.sh`")),
        DEFAULT_TIMEOUT);
  }

  /**
   * The same runner with another per-command timeout.
   *
   * @param timeout a positive duration; the process is killed when it runs longer
   * @return a new runner
   */
  public Skopeo withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return new Skopeo(binary, timeout);
  }

  /**
   * The binary this runner starts.
   *
   * @return its path
   */
  public Path binary() {
    return binary;
  }

  /**
   * {@code skopeo copy SOURCE DESTINATION}.
   *
   * @param source e.g. {@code oci:/tmp/layout:v1} or {@code docker://127.0.0.1:5000/a/b:v1}
   * @param destination same forms as {@code source}
   * @param sourceAccess how to reach the source ({@code --src-…} flags)
   * @param destinationAccess how to reach the destination ({@code --dest-…} flags)
   * @param extraArgs further {@code copy} options, e.g. {@code --all}, {@code --preserve-digests}
   * @return the result of a successful run
   * @throws SkopeoException on a non-zero exit, timeout or start failure
   */
  public SkopeoResult copy(
      String source,
      String destination,
      SkopeoAccess sourceAccess,
      SkopeoAccess destinationAccess,
      String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("copy"));
    args.addAll(sourceAccess.flags("src-"));
    args.addAll(destinationAccess.flags("dest-"));
    args.addAll(Arrays.asList(extraArgs));
    args.add(source);
    args.add(destination);
    return runChecked(args, secretsOf(sourceAccess, destinationAccess));
  }

  /**
   * {@code skopeo inspect IMAGE}: by default a JSON summary (Digest, RepoTags, Layers …); {@code
   * --raw} gives the manifest bytes, {@code --config} the config.
   *
   * @param image e.g. {@code docker://127.0.0.1:5000/a/b:v1}
   * @param access how to reach it
   * @param extraArgs further options such as {@code --raw}
   * @return the result of a successful run; the JSON is {@link SkopeoResult#stdout()}
   * @throws SkopeoException on a non-zero exit, timeout or start failure
   */
  public SkopeoResult inspect(String image, SkopeoAccess access, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("inspect"));
    args.addAll(access.flags(""));
    args.addAll(Arrays.asList(extraArgs));
    args.add(image);
    return runChecked(args, secretsOf(access));
  }

  /**
   * {@code skopeo list-tags REPOSITORY}: JSON {@code {"Repository": …, "Tags": [ … ]}}.
   *
   * @param repository e.g. {@code docker://127.0.0.1:5000/a/b}
   * @param access how to reach it
   * @return the result of a successful run
   * @throws SkopeoException on a non-zero exit, timeout or start failure
   */
  public SkopeoResult listTags(String repository, SkopeoAccess access) {
    List<String> args = new ArrayList<>(List.of("list-tags"));
    args.addAll(access.flags(""));
    args.add(repository);
    return runChecked(args, secretsOf(access));
  }

  /**
   * Runs {@code skopeo --insecure-policy ARGS…} (with {@code --retry-times 0} after the subcommand)
   * and throws unless it exits 0.
   *
   * @param args the subcommand and its arguments
   * @param secrets strings to redact from the command line and stderr (passwords)
   * @return the result of a successful run
   * @throws SkopeoException on a non-zero exit, timeout or start failure
   */
  public SkopeoResult runChecked(List<String> args, Set<String> secrets) {
    SkopeoResult result = run(args, secrets);
    if (!result.succeeded()) {
      throw new SkopeoException(
          "skopeo exited with status "
              + result.exitCode()
              + " after "
              + result.elapsed().toMillis()
              + " ms: "
              + String.join(" ", result.command())
              + "\nstderr:\n"
              + result.stderr(),
          result);
    }
    return result;
  }

  /**
   * Runs {@code skopeo --insecure-policy ARGS…} (with {@code --retry-times 0} after the subcommand)
   * and returns whatever it did, including a non-zero exit.
   *
   * @param args the subcommand and its arguments
   * @param secrets strings to redact from the command line and stderr (passwords)
   * @return the result
   * @throws SkopeoException on timeout or start failure
   */
  public SkopeoResult run(List<String> args, Set<String> secrets) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("no subcommand");
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--insecure-policy");
    command.add(args.get(0));
    if (SUBCOMMANDS_WITH_RETRY.contains(args.get(0))) {
      command.add("--retry-times=0");
    }
    command.addAll(args.subList(1, args.size()));
    List<String> redactedCommand = redact(command, secrets);
    @Nullable Path out = null;
    @Nullable Path err = null;
    long start = System.nanoTime();
    try {
      out = Files.createTempFile("registrykit-skopeo-", ".out");
      err = Files.createTempFile("registrykit-skopeo-", ".err");
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = pb.start();
      boolean exited;
      try {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new SkopeoException("interrupted: " + String.join(" ", redactedCommand), e);
      }
      if (!exited) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new SkopeoException(
            "skopeo timed out after "
                + timeout
                + ": "
                + String.join(" ", redactedCommand)
                + "\nstderr:\n"
                + redactText(read(err), secrets));
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new SkopeoResult(
          redactedCommand, process.exitValue(), read(out), redactText(read(err), secrets), elapsed);
    } catch (IOException e) {
      throw new SkopeoException("could not run " + String.join(" ", redactedCommand), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SkopeoException("interrupted: " + String.join(" ", redactedCommand), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** skopeo 1.9 subcommands that take {@code --retry-times}. */
  private static final Set<String> SUBCOMMANDS_WITH_RETRY =
      Set.of("copy", "inspect", "list-tags", "sync", "delete");

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static Set<String> secretsOf(SkopeoAccess... accesses) {
    Set<String> secrets = new LinkedHashSet<>();
    for (SkopeoAccess access : accesses) {
      access
          .credentials()
          .ifPresent(
              c -> {
                secrets.add(c.colonForm());
                if (!c.password().isEmpty()) {
                  secrets.add(c.password());
                }
              });
    }
    return secrets;
  }

  /** Replaces every {@code --*creds} value and every secret in each argument. */
  static List<String> redact(List<String> command, Set<String> secrets) {
    List<String> out = new ArrayList<>(command.size());
    boolean nextIsCreds = false;
    for (String arg : command) {
      if (nextIsCreds) {
        out.add("***");
        nextIsCreds = false;
        continue;
      }
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      if (flag.startsWith("--") && flag.endsWith("creds") && !flag.endsWith("no-creds")) {
        if (eq < 0) {
          out.add(arg);
          nextIsCreds = true;
        } else {
          out.add(flag + "=***");
        }
        continue;
      }
      out.add(redactText(arg, secrets));
    }
    return out;
  }

  static String redactText(String text, Set<String> secrets) {
    String redacted = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        redacted = redacted.replace(secret, "***");
      }
    }
    return redacted;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover temp file is harmless; the run's outcome matters more.
      }
    }
  }

  @Override
  public String toString() {
    return "Skopeo[" + binary + ", timeout " + timeout + "]";
  }
}
