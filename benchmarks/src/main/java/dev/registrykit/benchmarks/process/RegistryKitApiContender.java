package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client API in its own JVM: {@code java -cp benchmarks.jar
 * dev.registrykit.benchmarks.ClientPushPull push|pull …}, moving the same layout to and from the
 * same registry as skopeo (JVM start-up included, as skopeo's process start is).
 *
 * <p>With {@code cds}, the JVM starts with {@code scripts/registrykit}'s start-up options: a
 * class-data-sharing archive, which the harness makes before the timed runs with one untimed
 * training run of the same command ({@code -XX:ArchiveClassesAtExit}, one archive per direction and
 * image), mapped with {@code -XX:SharedArchiveFile} and the JVM's CDS messages off; and the JIT's
 * C2 thresholds raised 4x ({@link #JIT_OPTIONS}).
 */
public final class RegistryKitApiContender implements Contender {

  /** The JIT options of {@code scripts/registrykit} (keep the two in step). */
  public static final List<String> JIT_OPTIONS =
      List.of(
          "-XX:Tier4InvocationThreshold=20000",
          "-XX:Tier4MinInvocationThreshold=2400",
          "-XX:Tier4CompileThreshold=60000",
          "-XX:Tier4BackEdgeThreshold=160000");

  private final Path jar;
  private final List<String> jvmOptions;
  private final boolean cds;
  private Path archives;

  /**
   * A contender for the given jar, without a class-data-sharing archive.
   *
   * @param jar {@code benchmarks/target/benchmarks.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   */
  public RegistryKitApiContender(Path jar, List<String> jvmOptions) {
    this(jar, jvmOptions, false);
  }

  /**
   * A contender for the given jar.
   *
   * @param jar {@code benchmarks/target/benchmarks.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   * @param cds whether its JVM starts as {@code scripts/registrykit}'s does: a class-data-sharing
   *     archive made by a training run, and the JIT options
   */
  public RegistryKitApiContender(Path jar, List<String> jvmOptions, boolean cds) {
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.cds = cds;
  }

  @Override
  public String name() {
    List<String> parts = new ArrayList<>(List.of("registrykit-api"));
    if (cds) {
      parts.add("+startup");
    }
    parts.addAll(jvmOptions);
    return String.join(" ", parts);
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    return Files.isRegularFile(jar)
        ? Optional.empty()
        : Optional.of(
            "benchmarks jar not built: " + jar + " (mvn -pl benchmarks -am package -DskipTests)");
  }

  @Override
  public boolean needsPreparation() {
    return cds;
  }

  @Override
  public Action preparation(
      Direction direction, BenchImage image, Target.Running target, Path scratch) {
    Path archive = archive(direction, image);
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Action.command(
        command(
            List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off"),
            direction,
            image,
            target,
            scratch));
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    List<String> startup = List.of();
    if (cds) {
      Path archive = archive(direction, image);
      if (!Files.isRegularFile(archive)) {
        throw new IllegalStateException(
            "no class-data-sharing archive: the training run did not make " + archive);
      }
      startup = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off"));
      startup.addAll(JIT_OPTIONS);
    }
    return Action.command(command(startup, direction, image, target, scratch));
  }

  private List<String> command(
      List<String> startup,
      Direction direction,
      BenchImage image,
      Target.Running target,
      Path scratch) {
    String remote = target.hostPort() + "/" + Contender.REPOSITORY + ":" + image.tag();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(startup);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", jar.toString(), "dev.registrykit.benchmarks.ClientPushPull"));
    if (direction == Direction.PUSH) {
      command.addAll(List.of("push", image.layout().toString(), image.tag(), remote));
    } else {
      command.addAll(List.of("pull", remote, scratch.resolve("layout").toString()));
    }
    command.add("--plain-http");
    return command;
  }

  private synchronized Path archive(Direction direction, BenchImage image) {
    try {
      if (archives == null) {
        archives = Files.createTempDirectory("registrykit-api-cds");
        archives.toFile().deleteOnExit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path archive = archives.resolve(direction.label() + "-" + image.name() + ".jsa");
    archive.toFile().deleteOnExit();
    return archive;
  }
}
