package dev.registrykit.benchmarks.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client API in its own JVM: {@code java -cp benchmarks.jar
 * dev.registrykit.benchmarks.ClientPushPull push|pull …}, moving the same layout to and from the
 * same registry as skopeo (JVM start-up included, as skopeo's process start is).
 */
public final class RegistryKitApiContender implements Contender {

  private final Path jar;
  private final List<String> jvmOptions;

  /**
   * A contender for the given jar.
   *
   * @param jar {@code benchmarks/target/benchmarks.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   */
  public RegistryKitApiContender(Path jar, List<String> jvmOptions) {
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  @Override
  public String name() {
    return jvmOptions.isEmpty() ? "registrykit-api" : "registrykit-api " + String.join(" ", jvmOptions);
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    return Files.isRegularFile(jar)
        ? Optional.empty()
        : Optional.of("benchmarks jar not built: " + jar + " (mvn -pl benchmarks -am package -DskipTests)");
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    String remote = target.hostPort() + "/" + Contender.REPOSITORY + ":" + image.tag();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", jar.toString(), "dev.registrykit.benchmarks.ClientPushPull"));
    if (direction == Direction.PUSH) {
      command.addAll(List.of("push", image.layout().toString(), image.tag(), remote));
    } else {
      command.addAll(List.of("pull", remote, scratch.resolve("layout").toString()));
    }
    command.add("--plain-http");
    return Action.command(command);
  }
}
