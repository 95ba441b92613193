package dev.registrykit.maven;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import org.apache.maven.plugin.logging.Log;

/**
 * Where a goal's time goes, at Maven's debug level ({@code mvn -X}): per phase the wall time, the
 * JVM's CPU time (all threads: the goal's, the JIT compiler's, the garbage collector's) and the
 * classes loaded meanwhile, the figures that explain a goal's fixed cost.
 */
final class PhaseTimer {
  private final Log log;
  private final boolean enabled;
  private long wall;
  private long cpu;
  private long classes;

  PhaseTimer(Log log) {
    this.log = log;
    this.enabled = log.isDebugEnabled();
    if (enabled) {
      mark();
    }
  }

  /** Ends the phase named {@code phase} and starts the next. */
  void done(String phase) {
    if (!enabled) {
      return;
    }
    long wallBefore = wall;
    long cpuBefore = cpu;
    long classesBefore = classes;
    mark();
    log.debug(
        String.format(
            "registrykit: %-14s %6d ms wall, %6d ms CPU, %5d classes loaded",
            phase,
            (wall - wallBefore) / 1_000_000,
            cpu < 0 ? -1 : (cpu - cpuBefore) / 1_000_000,
            classes - classesBefore));
  }

  private void mark() {
    wall = System.nanoTime();
    cpu = processCpuNanos();
    classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
  }

  /** The JVM's CPU time so far, or -1 where the platform does not say. */
  private static long processCpuNanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
