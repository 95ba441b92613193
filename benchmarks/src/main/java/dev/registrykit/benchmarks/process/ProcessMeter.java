package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an {@link Action} once and measures wall time, CPU time and peak RSS.
 *
 * <p>For in-process work ({@link Action#inProcess}) CPU time is this JVM's process CPU time ({@code
 * com.sun.management.OperatingSystemMXBean}) before and after, and peak RSS is not measured.
 *
 * <p>Peak RSS comes from GNU time ({@code /usr/bin/time -v -o FILE}, Debian package {@code time}):
 * the kernel's {@code ru_maxrss} of the command and the children it waited for, i.e. the largest
 * single process of the tree. When GNU time is missing, the meter polls {@code VmHWM} of the
 * process and its descendants in {@code /proc} every 10 ms instead (may miss a short-lived child).
 */
public final class ProcessMeter {

  private static final Path GNU_TIME = Path.of("/usr/bin/time");

  private final boolean gnuTime;
  private final Duration timeout;

  private ProcessMeter(boolean gnuTime, Duration timeout) {
    this.gnuTime = gnuTime;
    this.timeout = timeout;
  }

  /**
   * A meter that uses GNU time when it works here.
   *
   * @param timeout the longest one run may take; it is killed after that
   * @return the meter
   */
  public static ProcessMeter detect(Duration timeout) {
    return new ProcessMeter(gnuTimeWorks(), timeout);
  }

  /**
   * How peak RSS is measured, for the report.
   *
   * @return a short description
   */
  public String rssMethod() {
    return gnuTime ? "GNU time -v (ru_maxrss)" : "/proc VmHWM polling";
  }

  private static boolean gnuTimeWorks() {
    if (!Files.isExecutable(GNU_TIME)) {
      return false;
    }
    try {
      Path out = Files.createTempFile("registrykit-time-", ".txt");
      try {
        Process p =
            new ProcessBuilder(GNU_TIME.toString(), "-v", "-o", out.toString(), "true")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(10, TimeUnit.SECONDS)
            && p.exitValue() == 0
            && maxRss(Files.readString(out)).isPresent();
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs the action once.
   *
   * @param action what to run
   * @param scratch a directory for the run's output files
   * @return wall time, the contender's CPU time and peak RSS when measured (server RSS left empty)
   * @throws IOException if the command fails (message holds its stderr tail) or times out
   */
  public Sample measure(Action action, Path scratch) throws IOException {
    if (action.body().isPresent()) {
      Optional<Long> cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      try {
        action.body().get().run();
      } catch (Exception e) {
        throw new IOException("in-process action failed: " + action.display(), e);
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      Optional<Long> cpuAfter = processCpuNanos();
      // The whole harness JVM's CPU (its GC and JIT threads included): the harness itself only
      // waits while the body runs, so the delta is the body's. Its RSS would be the harness's.
      Optional<Duration> cpu =
          cpuBefore.isPresent() && cpuAfter.isPresent()
              ? Optional.of(Duration.ofNanos(cpuAfter.get() - cpuBefore.get()))
              : Optional.empty();
      return new Sample(wall, Optional.empty(), Optional.empty(), cpu);
    }
    Path stdout = scratch.resolve("stdout.txt");
    Path stderr = scratch.resolve("stderr.txt");
    Path timeReport = scratch.resolve("time.txt");
    List<String> command = new ArrayList<>();
    if (gnuTime) {
      command.addAll(List.of(GNU_TIME.toString(), "-v", "-o", timeReport.toString()));
    }
    command.addAll(action.command());
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process process = pb.start();
    long polledPeak = 0;
    try {
      long deadline = start + timeout.toNanos();
      while (!process.waitFor(10, TimeUnit.MILLISECONDS)) {
        if (!gnuTime) {
          polledPeak = Math.max(polledPeak, treePeak(process.toHandle()));
        }
        if (System.nanoTime() > deadline) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new IOException("timed out after " + timeout + ": " + action.display());
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    if (process.exitValue() != 0) {
      throw new IOException(
          "exit status "
              + process.exitValue()
              + ": "
              + action.display()
              + "\nstderr:\n"
              + tail(Files.readString(stderr, StandardCharsets.UTF_8), 20));
    }
    Optional<Long> peak =
        gnuTime
            ? maxRss(Files.readString(timeReport, StandardCharsets.UTF_8))
            : (polledPeak > 0 ? Optional.of(polledPeak) : Optional.empty());
    Optional<Duration> cpu =
        gnuTime ? cpu(Files.readString(timeReport, StandardCharsets.UTF_8)) : Optional.empty();
    return new Sample(wall, peak, Optional.empty(), cpu);
  }

  /** User plus system CPU time of this JVM so far, when the platform reports it. */
  static Optional<Long> processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      long nanos = os.getProcessCpuTime();
      return nanos >= 0 ? Optional.of(nanos) : Optional.empty();
    }
    return Optional.empty();
  }

  /** User plus system time from a GNU {@code time -v} report (children included). */
  static Optional<Duration> cpu(String gnuTimeReport) {
    double seconds = 0;
    int found = 0;
    for (String line : gnuTimeReport.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("User time (seconds):")
          || trimmed.startsWith("System time (seconds):")) {
        seconds += Double.parseDouble(trimmed.substring(trimmed.indexOf(':') + 1).trim());
        found++;
      }
    }
    return found == 2 ? Optional.of(Duration.ofNanos(Math.round(seconds * 1e9))) : Optional.empty();
  }

  private static long treePeak(ProcessHandle root) {
    long peak = ProcFs.peakRss(root.pid()).orElse(0L);
    for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
      peak = Math.max(peak, ProcFs.peakRss(child.pid()).orElse(0L));
    }
    return peak;
  }

  static Optional<Long> maxRss(String gnuTimeReport) {
    for (String line : gnuTimeReport.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Maximum resident set size (kbytes):")) {
        return Optional.of(
            Long.parseLong(trimmed.substring(trimmed.indexOf(':') + 1).trim()) * 1024);
      }
    }
    return Optional.empty();
  }

  private static String tail(String text, int lines) {
    String[] all = text.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
  }
}
