package dev.registrykit.interop;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one skopeo run did.
 *
 * <p>Immutable.
 *
 * @param command the command line, with credentials replaced by {@code ***}
 * @param exitCode the exit status (0 is success)
 * @param stdout everything skopeo wrote to stdout (e.g. {@code inspect}'s JSON)
 * @param stderr everything skopeo wrote to stderr, with credentials redacted
 * @param elapsed wall time of the process
 */
public record SkopeoResult(
    List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {

  /** Copies the command and checks for nulls. */
  public SkopeoResult {
    command = List.copyOf(command);
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * Whether skopeo exited with status 0.
   *
   * @return true on success
   */
  public boolean succeeded() {
    return exitCode == 0;
  }
}
