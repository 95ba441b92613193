package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * RegistryKit's command line ({@code examples/target/registrykit.jar}) moving the same layout to
 * and from the same registry as skopeo:
 *
 * <ul>
 *   <li>verb {@code push-pull} (default): {@code push --insecure LAYOUT:TAG
 *       HOST:PORT/bench/image:TAG} and {@code pull --insecure HOST:PORT/bench/image:TAG DIR};
 *   <li>verb {@code copy}: {@code copy --insecure oci:LAYOUT:TAG HOST:PORT/bench/image:TAG} and
 *       back to {@code oci:DIR:TAG}.
 * </ul>
 *
 * <p>With a wrapper script ({@code scripts/registrykit}), every run goes through it exactly as a
 * user's does: {@code env REGISTRYKIT_JAR=JAR [REGISTRYKIT_JAVA_OPTS=…] bash scripts/registrykit
 * SUBCOMMAND …}, which maps the jar's class-data-sharing archive (and sets its JIT options). Before
 * the timed runs the harness runs {@code scripts/registrykit --help} once, untimed, which makes the
 * archive (its training run) when there is none yet for this jar and JDK.
 *
 * <p>Skipped with a note while the jar is not built or its subcommand does not answer {@code
 * --help} with status 0.
 */
public final class RegistryKitCliContender implements Contender {

  private final Path jar;
  private final List<String> jvmOptions;
  private final String verb;
  private final Optional<Path> script;
  private final Map<String, Boolean> subcommandWorks = new ConcurrentHashMap<>();

  /**
   * A contender for the given jar.
   *
   * @param jar {@code examples/target/registrykit.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   * @param verb {@code push-pull} or {@code copy}
   */
  public RegistryKitCliContender(Path jar, List<String> jvmOptions, String verb) {
    this(jar, jvmOptions, verb, Optional.empty());
  }

  /**
   * A contender for the given jar, run directly or through a wrapper script.
   *
   * @param jar {@code examples/target/registrykit.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   * @param verb {@code push-pull} or {@code copy}
   * @param script {@code scripts/registrykit} (class-data sharing), or empty for {@code java -jar}
   */
  public RegistryKitCliContender(
      Path jar, List<String> jvmOptions, String verb, Optional<Path> script) {
    if (!verb.equals("push-pull") && !verb.equals("copy")) {
      throw new IllegalArgumentException("verb must be push-pull or copy: " + verb);
    }
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.verb = verb;
    this.script = script;
  }

  @Override
  public String name() {
    List<String> parts = new ArrayList<>(List.of("registrykit-cli"));
    if (script.isPresent()) {
      parts.add("+startup");
    }
    parts.addAll(jvmOptions);
    return String.join(" ", parts);
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    if (!Files.isRegularFile(jar)) {
      return Optional.of(
          "CLI jar not built: " + jar + " (mvn -pl examples -am package -DskipTests)");
    }
    if (script.isPresent() && !Files.isRegularFile(script.get())) {
      return Optional.of("wrapper script not found: " + script.get());
    }
    String subcommand = subcommand(direction);
    if (!subcommandWorks.computeIfAbsent(subcommand, this::answersHelp)) {
      return Optional.of("`registrykit " + subcommand + " --help` does not exit 0 yet");
    }
    return Optional.empty();
  }

  private String subcommand(Direction direction) {
    return verb.equals("copy") ? "copy" : direction.label();
  }

  private boolean answersHelp(String subcommand) {
    try {
      Process p =
          new ProcessBuilder(java(), "-jar", jar.toString(), subcommand, "--help")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean needsPreparation() {
    return script.isPresent();
  }

  @Override
  public Action preparation(
      Direction direction, BenchImage image, Target.Running target, Path scratch) {
    List<String> command = launcher();
    command.add("--help");
    return Action.command(command);
  }

  /**
   * {@code java [OPTS] -jar JAR}, or the wrapper script with the jar and options in its
   * environment.
   */
  private List<String> launcher() {
    List<String> command = new ArrayList<>();
    if (script.isPresent()) {
      command.addAll(List.of("env", "REGISTRYKIT_JAR=" + jar));
      if (!jvmOptions.isEmpty()) {
        command.add("REGISTRYKIT_JAVA_OPTS=" + String.join(" ", jvmOptions));
      }
      command.addAll(List.of("bash", script.get().toString()));
    } else {
      command.add(java());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString()));
    }
    return command;
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    String remote = target.hostPort() + "/" + Contender.REPOSITORY + ":" + image.tag();
    List<String> command = launcher();
    command.addAll(List.of(subcommand(direction), "--insecure", "--quiet"));
    boolean copy = verb.equals("copy");
    if (direction == Direction.PUSH) {
      command.add(copy ? image.ociName() : image.layout() + ":" + image.tag());
      command.add(remote);
    } else {
      command.add(remote);
      Path layout = scratch.resolve("layout");
      command.add(copy ? "oci:" + layout + ":" + image.tag() : layout.toString());
    }
    return Action.command(command);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
