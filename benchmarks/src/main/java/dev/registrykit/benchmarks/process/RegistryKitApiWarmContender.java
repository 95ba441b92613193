package dev.registrykit.benchmarks.process;

import dev.registrykit.benchmarks.ClientPushPull;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The client API as a library in a JVM that is already running (a build plugin, a test suite, a
 * service): each timed run calls {@link ClientPushPull#push} or {@link ClientPushPull#pull} — the
 * same calls as {@link RegistryKitApiContender}'s fresh JVM, with the library's default options and
 * plain HTTP — inside the harness's own JVM, so no JVM start-up, class loading or first-time JIT is
 * timed.
 *
 * <p>Every call builds and closes a {@code RegistryClient} of its own: no connection pool or token
 * cache is reused from one run to the next (a build tool may keep one client for a whole build,
 * which could only be faster). Before the timed runs, an untimed preparation does the same job
 * {@value #WARM_UP_RUNS} times against a fresh target (pushes into repositories of their own, so
 * none skips an existing blob; pulls into layouts deleted after each), so the JIT has compiled the
 * path. The harness's meter records the harness JVM's CPU time for these runs and no peak RSS (it
 * would be the harness's).
 */
public final class RegistryKitApiWarmContender implements Contender {

  /** How many untimed runs of the job warm the JIT up before the timed runs. */
  public static final int WARM_UP_RUNS = 3;

  /** Creates the contender. */
  public RegistryKitApiWarmContender() {}

  @Override
  public String name() {
    return "registrykit-api-warm";
  }

  @Override
  public Optional<String> unavailableReason(Direction direction, BenchImage image) {
    return Optional.empty();
  }

  @Override
  public boolean needsPreparation() {
    return true;
  }

  @Override
  public Action preparation(
      Direction direction, BenchImage image, Target.Running target, Path scratch) {
    // Pushes go to repositories of their own: a second push into the same one would skip every
    // blob.
    Function<String, String> remote =
        n ->
            remote(
                target,
                direction == Direction.PUSH ? "bench/warmup-" + n : Contender.REPOSITORY,
                image);
    return Action.inProcess(
        WARM_UP_RUNS
            + " × "
            + describe(direction, image, remote.apply("N"), scratch.resolve("warmup-N")),
        () -> {
          for (int i = 1; i <= WARM_UP_RUNS; i++) {
            Path layout = scratch.resolve("warmup-" + i);
            run(direction, image, remote.apply(String.valueOf(i)), layout);
            deleteRecursively(layout);
          }
        });
  }

  @Override
  public Action action(Direction direction, BenchImage image, Target.Running target, Path scratch) {
    String remote = remote(target, Contender.REPOSITORY, image);
    Path layout = scratch.resolve("layout");
    return Action.inProcess(
        describe(direction, image, remote, layout), () -> run(direction, image, remote, layout));
  }

  /**
   * One push from the image's layout to {@code remote}, or one pull from it into {@code
   * pullLayout}.
   */
  private static void run(Direction direction, BenchImage image, String remote, Path pullLayout)
      throws IOException {
    ImageReference reference = ImageReference.parse(remote);
    if (direction == Direction.PUSH) {
      ClientPushPull.push(image.layout(), image.tag(), reference, true, TransferOptions.defaults());
    } else {
      ClientPushPull.pull(reference, pullLayout, true, TransferOptions.defaults());
    }
  }

  private static String remote(Target.Running target, String repository, BenchImage image) {
    return target.hostPort() + "/" + repository + ":" + image.tag();
  }

  private static String describe(
      Direction direction, BenchImage image, String remote, Path pullLayout) {
    return direction == Direction.PUSH
        ? "ClientPushPull.push("
            + image.layout()
            + ", "
            + image.tag()
            + ", "
            + remote
            + ", plain HTTP, defaults)"
        : "ClientPushPull.pull(" + remote + ", " + pullLayout + ", plain HTTP, defaults)";
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
