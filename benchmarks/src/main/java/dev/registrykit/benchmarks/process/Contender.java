package dev.registrykit.benchmarks.process;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A tool being compared: {@code skopeo}, {@code curl}, RegistryKit's CLI or Java API. Given a
 * direction, an image and a running target it says what to run; the harness times it.
 *
 * <p>Repository convention: the image lives at {@code HOST:PORT/bench/image:TAG} ({@link
 * #REPOSITORY}); for {@link Direction#PULL} the harness has put it there (untimed) before the run.
 */
public interface Contender {

  /** The repository every contender pushes to and pulls from. */
  String REPOSITORY = "bench/image";

  /**
   * The name in tables, e.g. {@code skopeo}.
   *
   * @return the name
   */
  String name();

  /**
   * Why this contender cannot do this job here (a tool or jar missing, or a job it does not cover),
   * or empty when it can.
   *
   * @param direction push or pull
   * @param image the image
   * @return the reason, or empty
   */
  Optional<String> unavailableReason(Direction direction, BenchImage image);

  /**
   * What to run once.
   *
   * @param direction push or pull
   * @param image the image (its layout is the push source)
   * @param target the running registry
   * @param scratch an empty directory for pull output, deleted after the run
   * @return the action
   */
  Action action(Direction direction, BenchImage image, Target.Running target, Path scratch);

  /**
   * Whether this contender needs an untimed preparation run before its timed runs (see {@link
   * #preparation}).
   *
   * @return {@code true} when {@link #preparation} gives an action
   */
  default boolean needsPreparation() {
    return false;
  }

  /**
   * An untimed run before the timed ones, once per (contender, target, direction, image), against a
   * fresh target prepared as for a timed run: e.g. the training run that makes a class-data-sharing
   * archive. Only called when {@link #needsPreparation} is {@code true}.
   *
   * @param direction push or pull
   * @param image the image
   * @param target the running registry
   * @param scratch an empty directory, deleted after the run
   * @return the action
   */
  default Action preparation(
      Direction direction, BenchImage image, Target.Running target, Path scratch) {
    throw new UnsupportedOperationException(name() + " needs no preparation");
  }
}
