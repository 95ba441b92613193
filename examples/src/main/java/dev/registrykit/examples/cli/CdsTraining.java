package dev.registrykit.examples.cli;

import dev.registrykit.testkit.FakeRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind {@code scripts/registrykit}'s class-data-sharing archive: runs the
 * command line's everyday subcommands in this JVM against the embedded fake registry (help, the
 * tutorial's build and push, pull, push, copy, tags, manifest, digest), so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} records the classes a real run loads.
 *
 * <p>Not a user command: {@code java -XX:ArchiveClassesAtExit=FILE -cp registrykit.jar
 * dev.registrykit.examples.cli.CdsTraining}. Prints nothing; exits {@code 0} when every step
 * succeeded, {@code 1} (naming the failed steps on standard error) otherwise. Works in a fresh
 * temporary directory that it deletes; touches nothing else.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Runs the training steps.
   *
   * @param args ignored
   * @throws Exception when the fake registry or the temporary directory cannot be set up
   */
  public static void main(String[] args) throws Exception {
    List<String> failed = train();
    if (!failed.isEmpty()) {
      System.err.println("registrykit training: failed steps: " + String.join("; ", failed));
    }
    System.exit(failed.isEmpty() ? RegistryKitCli.OK : RegistryKitCli.FAILURE);
  }

  /** Runs every step; returns the command lines that did not exit 0. */
  static List<String> train() throws Exception {
    RegistryKitCli cli = RegistryKitCli.standard();
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true);
    List<String> failed = new ArrayList<>();
    Path work = Files.createTempDirectory("registrykit-training");
    try (FakeRegistry fake = FakeRegistry.builder().start()) {
      String registry = fake.registry().toString();
      String figlet = registry + "/figlet:latest";
      Path pulled = work.resolve("pulled");
      List<List<String>> steps =
          List.of(
              List.of("--help"),
              List.of("pull", "--help"),
              List.of("parse", "alpine", "zavy86/figlet", "localhost:5000/figlet"),
              List.of("tutorial", "--registry", registry),
              List.of("pull", "--insecure", figlet, pulled.toString()),
              List.of("push", "--insecure", pulled + ":latest", registry + "/training/push:1"),
              List.of("copy", "--insecure", figlet, "oci:" + work.resolve("copied") + ":latest"),
              List.of("copy", "--insecure", figlet, registry + "/training/copy:1"),
              List.of("tags", "--insecure", registry + "/figlet"),
              List.of("manifest", "--insecure", figlet),
              List.of("digest", "--insecure", figlet));
      for (List<String> step : steps) {
        if (cli.run(step, sink, sink, false) != RegistryKitCli.OK) {
          failed.add(String.join(" ", step));
        }
      }
    } finally {
      TutorialImages.deleteTree(work);
    }
    return failed;
  }
}
