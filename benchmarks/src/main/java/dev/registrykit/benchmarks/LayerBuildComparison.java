package dev.registrykit.benchmarks;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Side-by-side comparison: building a gzip or zstd layer from a directory with {@link LayerBuilder}
 * versus GNU {@code tar -c | gzip -N} (or {@code | zstd -N}) of the same directory, in one run,
 * alternating, several rounds.
 *
 * <p>Run with a small heap to show the layer is streamed, e.g.:
 *
 * <pre>
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.LayerBuildComparison \
 *     --dir /tmp/layer-bench --files 2000 --mib 200 --level 6 --rounds 3
 * java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.LayerBuildComparison \
 *     --dir /tmp/layer-bench --files 2000 --mib 200 --compression zstd --level 3 --rounds 3
 * </pre>
 *
 * <p>The input is generated once (seeded, semi-compressible: text-like runs mixed with random
 * bytes) and reused. Prints one line per run and a Markdown summary of medians; asserts nothing.
 */
public final class LayerBuildComparison {
  private LayerBuildComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code --dir D --files N --mib M --compression gzip|zstd --level L --rounds R
   *     --seed S}
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(option(args, "--dir", "target/layer-bench-input"));
    int files = Integer.parseInt(option(args, "--files", "2000"));
    int mib = Integer.parseInt(option(args, "--mib", "200"));
    String algorithm = option(args, "--compression", "gzip");
    if (!algorithm.equals("gzip") && !algorithm.equals("zstd")) {
      throw new IllegalArgumentException("--compression must be gzip or zstd: " + algorithm);
    }
    int level = Integer.parseInt(option(args, "--level", algorithm.equals("gzip") ? "6" : "3"));
    LayerCompression compression =
        algorithm.equals("gzip") ? LayerCompression.gzip(level) : LayerCompression.zstd(level);
    // zstd -q: no progress; single-threaded by default (-T1), as LayerBuilder is.
    String compressor = algorithm.equals("gzip") ? "gzip -" + level : "zstd -q -" + level;
    String suffix = algorithm.equals("gzip") ? ".gz" : ".zst";
    int rounds = Integer.parseInt(option(args, "--rounds", "3"));
    long seed = Long.parseLong(option(args, "--seed", "42"));

    long inputBytes = generate(dir, files, (long) mib * 1024 * 1024, seed);
    Path out = Files.createTempDirectory("layer-bench-out");
    System.out.printf(
        Locale.ROOT,
        "input: %s, %d files, %.1f MiB; %s level %d; heap max %d MiB%n",
        dir,
        files,
        inputBytes / 1048576.0,
        algorithm,
        level,
        Runtime.getRuntime().maxMemory() / 1048576);

    List<Double> ours = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    List<Double> oursCpu = new ArrayList<>();
    List<Double> theirsCpu = new ArrayList<>();
    long peakHeap = 0;
    long ourSize = 0;
    long tarSize = 0;
    for (int round = 1; round <= rounds; round++) {
      Path ourFile = out.resolve("registrykit.tar" + suffix);
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      long jitStart = jitMillis();
      long allocatedStart = allocatedBytes();
      BuiltLayer layer =
          LayerBuilder.builder().addDirectory(dir, "/").compression(compression).writeTo(ourFile);
      double ourSeconds = (System.nanoTime() - start) / 1e9;
      double ourCpu = (processCpuNanos() - cpuStart) / 1e9;
      // The JIT compiler's threads count in the process's CPU: a layer built once per JVM (a Maven
      // build) pays for compiling the path it runs, later rounds much less.
      double jitSeconds = (jitMillis() - jitStart) / 1e3;
      double allocatedMiB = (allocatedBytes() - allocatedStart) / 1048576.0;
      long heap = peakHeapUsed();
      peakHeap = Math.max(peakHeap, heap);
      ourSize = layer.size();

      Path tarFile = out.resolve("gnu.tar" + suffix);
      start = System.nanoTime();
      Path times = out.resolve("times");
      // bash's time keyword reports the user+system CPU of both pipeline processes.
      Process p =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "set -o pipefail; TIMEFORMAT='%U %S'; { time tar -c --sort=name -f - -C '"
                      + dir
                      + "' . | "
                      + compressor
                      + " > '"
                      + tarFile
                      + "' ; } 2> '"
                      + times
                      + "'")
              .inheritIO()
              .start();
      if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException("tar | " + compressor + " failed with " + p.exitValue());
      }
      double tarSeconds = (System.nanoTime() - start) / 1e9;
      String[] cpu = Files.readString(times).trim().split("\\s+");
      double tarCpu = Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1]);
      Files.delete(times);
      tarSize = Files.size(tarFile);

      ours.add(ourSeconds);
      theirs.add(tarSeconds);
      oursCpu.add(ourCpu);
      theirsCpu.add(tarCpu);
      System.out.printf(
          Locale.ROOT,
          "round %d: registrykit %.2f s wall / %.2f s CPU (JIT busy %.2f s, %.1f MiB/s, allocated %.0f"
              + " MiB, peak heap %.1f MiB, %s) |"
              + " tar|%s %.2f s wall / %.2f s CPU (%.1f MiB/s) | wall ratio %.2f, CPU ratio"
              + " %.2f%n",
          round,
          ourSeconds,
          ourCpu,
          jitSeconds,
          inputBytes / 1048576.0 / ourSeconds,
          allocatedMiB,
          heap / 1048576.0,
          layer.digest().shortHex(),
          algorithm,
          tarSeconds,
          tarCpu,
          inputBytes / 1048576.0 / tarSeconds,
          ourSeconds / tarSeconds,
          ourCpu / tarCpu);
    }
    double ourMedian = median(ours);
    double tarMedian = median(theirs);
    System.out.println();
    double ourCpuMedian = median(oursCpu);
    double tarCpuMedian = median(theirsCpu);
    System.out.println("| tool | median wall s | median CPU s | MiB/s (wall) | output MiB |");
    System.out.println("|---|---|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| RegistryKit LayerBuilder (%s %d, 1 thread) | %.2f | %.2f | %.1f | %.1f |%n",
        algorithm,
        level,
        ourMedian,
        ourCpuMedian,
        inputBytes / 1048576.0 / ourMedian,
        ourSize / 1048576.0);
    System.out.printf(
        Locale.ROOT,
        "| tar -c \\| %s (2 processes) | %.2f | %.2f | %.1f | %.1f |%n",
        compressor,
        tarMedian,
        tarCpuMedian,
        inputBytes / 1048576.0 / tarMedian,
        tarSize / 1048576.0);
    System.out.printf(
        Locale.ROOT,
        "wall ratio registrykit/tar = %.2f, CPU ratio = %.2f; peak heap during builds %.1f MiB of"
            + " %d MiB max%n",
        ourMedian / tarMedian,
        ourCpuMedian / tarCpuMedian,
        peakHeap / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576);
    Files.deleteIfExists(out.resolve("registrykit.tar" + suffix));
    Files.deleteIfExists(out.resolve("gnu.tar" + suffix));
    Files.deleteIfExists(out);
  }

  /**
   * Writes the input tree once; returns its total size. Reuses an existing tree with the same
   * shape.
   */
  static long generate(Path dir, int files, long totalBytes, long seed) throws IOException {
    Path marker = dir.resolve(".generated-" + files + "-" + totalBytes + "-" + seed);
    if (Files.exists(marker)) {
      return totalBytes;
    }
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(seed);
    String[] words =
        "layer image registry manifest digest config blob tag index platform java class jar build push pull"
            .split(" ");
    long perFile = totalBytes / files;
    byte[] chunk = new byte[4096];
    for (int i = 0; i < files; i++) {
      Path file =
          dir.resolve(String.format(Locale.ROOT, "d%02d/sub%d/file-%04d.dat", i % 40, i % 3, i));
      Files.createDirectories(file.getParent());
      long size = i == files - 1 ? totalBytes - perFile * (files - 1) : perFile;
      try (OutputStream o = Files.newOutputStream(file)) {
        for (long written = 0; written < size; written += chunk.length) {
          // Half text-like (compressible), half random (not): roughly a 2:1 gzip ratio overall.
          int p = 0;
          while (p < chunk.length / 2) {
            byte[] w =
                (words[random.nextInt(words.length)] + ' ').getBytes(StandardCharsets.US_ASCII);
            int n = Math.min(w.length, chunk.length / 2 - p);
            System.arraycopy(w, 0, chunk, p, n);
            p += n;
          }
          for (; p < chunk.length; p++) {
            chunk[p] = (byte) random.nextInt(256);
          }
          o.write(chunk, 0, (int) Math.min(chunk.length, size - written));
        }
      }
    }
    Files.createFile(marker);
    return totalBytes;
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return 0;
  }

  /**
   * Time the JIT compiler threads have been busy so far (elapsed, summed over its threads, so it
   * grows with CPU contention; not CPU time), or 0 when unknown.
   */
  private static long jitMillis() {
    java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }

  /** Bytes this thread has allocated so far (the build runs on it), or 0 when unknown. */
  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads instanceof com.sun.management.ThreadMXBean
        ? ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes()
        : 0;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapUsed() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
