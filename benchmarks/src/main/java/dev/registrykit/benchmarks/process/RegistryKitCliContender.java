package dev.registrykit.benchmarks.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RegistryKit's command line, {@code java -jar examples/target/registrykit.jar copy --insecure
 * SOURCE DESTINATION}, with the same layout and registry as skopeo. Skipped with a note until the
 * jar is built.
 */
public final class RegistryKitCliContender implements Contender {

  private final Path jar;
  private final List<String> jvmOptions;

  /**
   * A contender for the given jar.
   *
   * @param jar {@code examples/target/registrykit.jar}
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx64m}
   */
  public RegistryKitCliContender(Path jar, List<String> jvmOptions) {
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  @Override
  public String name() {
    return jvmOptions.isEmpty()
        ? "registrykit-cli"
        : "registrykit-cli " + String.join(" ", jvmOptions);
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    return Files.isRegularFile(jar)
        ? Optional.empty()
        : Optional.of("CLI jar not built: " + jar + " (mvn -pl examples -am package -DskipTests)");
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    String remote = target.hostPort() + "/" + Contender.REPOSITORY + ":" + image.tag();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "copy", "--insecure"));
    if (direction == Direction.PUSH) {
      command.add(image.ociName());
      command.add(remote);
    } else {
      command.add(remote);
      command.add("oci:" + scratch.resolve("layout") + ":" + image.tag());
    }
    return Action.command(command);
  }
}
