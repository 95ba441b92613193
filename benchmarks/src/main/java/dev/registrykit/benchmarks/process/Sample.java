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
 */
public record Sample(
    Duration wall, Optional<Long> peakRssBytes, Optional<Long> serverPeakRssBytes) {
  /** Checks for nulls. */
  public Sample {
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(peakRssBytes, "peakRssBytes");
    Objects.requireNonNull(serverPeakRssBytes, "serverPeakRssBytes");
  }
}
