package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads memory and CPU figures of a process from Linux's {@code /proc}. */
final class ProcFs {

  private ProcFs() {}

  /** {@code VmHWM} (peak RSS) of a live process, in bytes. */
  static Optional<Long> peakRss(long pid) {
    return statusField(pid, "VmHWM:");
  }

  /** {@code VmRSS} (current RSS) of a live process, in bytes. */
  static Optional<Long> currentRss(long pid) {
    return statusField(pid, "VmRSS:");
  }

  /** User plus system CPU time of a live process (its threads, not its children). */
  static Optional<Duration> cpu(long pid) {
    return ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration());
  }

  private static Optional<Long> statusField(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          String[] parts = line.substring(field.length()).trim().split("\\s+");
          return Optional.of(Long.parseLong(parts[0]) * 1024); // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process is gone or /proc is not Linux's: no figure.
    }
    return Optional.empty();
  }
}
