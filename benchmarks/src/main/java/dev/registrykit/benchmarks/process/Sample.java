package dev.registrykit.benchmarks.process;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One timed run.
 *
 * @param wall wall-clock time of the run
 * @param peakRssBytes peak resident set size of the contender's process tree, when measured
 * @param serverPeakRssBytes peak resident set size of the target registry process, when measured
 * @param cpu user plus system CPU time of the contender's process tree, when measured (GNU time),
 *     or of the harness JVM during an in-process run
 * @param serverCpu user plus system CPU time the target registry process spent during the run, when
 *     measured
 */
public record Sample(
    Duration wall,
    Optional<Long> peakRssBytes,
    Optional<Long> serverPeakRssBytes,
    Optional<Duration> cpu,
    Optional<Duration> serverCpu) {
  /** Checks for nulls. */
  public Sample {
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(peakRssBytes, "peakRssBytes");
    Objects.requireNonNull(serverPeakRssBytes, "serverPeakRssBytes");
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(serverCpu, "serverCpu");
  }

  /**
   * A run whose server's CPU time was not measured.
   *
   * @param wall wall-clock time of the run
   * @param peakRssBytes peak resident set size of the contender's process tree, when measured
   * @param serverPeakRssBytes peak resident set size of the target registry process, when measured
   * @param cpu user plus system CPU time of the contender, when measured
   */
  public Sample(
      Duration wall,
      Optional<Long> peakRssBytes,
      Optional<Long> serverPeakRssBytes,
      Optional<Duration> cpu) {
    this(wall, peakRssBytes, serverPeakRssBytes, cpu, Optional.empty());
  }

  /**
   * A run whose CPU time was not measured.
   *
   * @param wall wall-clock time of the run
   * @param peakRssBytes peak resident set size of the contender's process tree, when measured
   * @param serverPeakRssBytes peak resident set size of the target registry process, when measured
   */
  public Sample(Duration wall, Optional<Long> peakRssBytes, Optional<Long> serverPeakRssBytes) {
    this(wall, peakRssBytes, serverPeakRssBytes, Optional.empty(), Optional.empty());
  }
}
