package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process comparison of contenders (skopeo, curl, RegistryKit's CLI) against targets (the
 * real Distribution registry, the standalone fake), pushing and pulling the benchmark images, with
 * a Markdown table of medians and ratios on stdout.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.process.PeerComparison \
 *     --scenario skopeo-vs-curl [--iterations 3] [--images big,small] [--work-dir DIR] [--markdown FILE]
 * </pre>
 *
 * <p>Scenarios (each is only a default selection; {@code --contenders}, {@code --targets}, {@code
 * --directions} and {@code --images} override it): {@code skopeo-vs-curl}, {@code
 * fake-vs-distribution}, {@code ours-vs-skopeo}, {@code all}. Every timed run gets a freshly
 * started, empty registry; for pulls the image is first pushed there with skopeo (untimed).
 * Iterations are interleaved across contenders so background load spreads evenly. Run it from the
 * repository root (default jar paths are relative to it).
 */
public final class PeerComparison {

  private record Scenario(
      String description,
      List<String> contenders,
      List<String> targets,
      List<Direction> directions) {}

  private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

  static {
    List<Direction> both = List.of(Direction.PUSH, Direction.PULL);
    SCENARIOS.put(
        "skopeo-vs-curl",
        new Scenario(
            "skopeo and curl into/out of the real registry and the fake",
            List.of("skopeo", "curl"),
            List.of("distribution", "fake"),
            both));
    SCENARIOS.put(
        "fake-vs-distribution",
        new Scenario(
            "skopeo pushing into and pulling from the fake versus the real registry",
            List.of("skopeo"),
            List.of("distribution", "fake"),
            both));
    SCENARIOS.put(
        "ours-vs-skopeo",
        new Scenario(
            "RegistryKit's CLI (java -jar, and scripts/registrykit with its class-data-sharing archive) versus skopeo and curl, real registry",
            List.of("registrykit-cli", "registrykit-cli-cds", "skopeo", "curl"),
            List.of("distribution"),
            both));
    SCENARIOS.put(
        "client-vs-skopeo",
        new Scenario(
            "RegistryKit's client API (a fresh JVM: default heap, -Xmx64m, and with a class-data-sharing archive;"
                + " and as a library in the harness's warmed-up JVM) versus skopeo and curl, real registry",
            List.of(
                "registrykit-api",
                "registrykit-api-cds",
                "registrykit-api-xmx64m",
                "registrykit-api-warm",
                "skopeo",
                "curl"),
            List.of("distribution"),
            both));
    SCENARIOS.put(
        "all",
        new Scenario(
            "everything",
            List.of("registrykit-cli", "skopeo", "curl"),
            List.of("distribution", "fake"),
            both));
  }

  private PeerComparison() {}

  /**
   * Runs the comparison.
   *
   * @param args see the class documentation; {@code --help} lists them
   * @throws Exception on a harness failure (a contender's failure is reported in the table)
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    if (options.containsKey("help")) {
      System.out.println(usage());
      return;
    }
    Scenario scenario = SCENARIOS.get(options.getOrDefault("scenario", "skopeo-vs-curl"));
    if (scenario == null) {
      throw new IllegalArgumentException("unknown scenario; " + usage());
    }
    int iterations = Integer.parseInt(options.getOrDefault("iterations", "3"));
    Path work =
        Path.of(
            options.getOrDefault(
                "work-dir",
                Path.of(System.getProperty("java.io.tmpdir"), "registrykit-bench").toString()));
    long seed = Long.parseLong(options.getOrDefault("seed", "20261127"));
    List<String> imageNames = list(options.getOrDefault("images", "big,small"));
    List<String> contenderNames =
        list(options.getOrDefault("contenders", String.join(",", scenario.contenders())));
    List<String> targetNames =
        list(options.getOrDefault("targets", String.join(",", scenario.targets())));
    List<Direction> directions = new ArrayList<>();
    for (String d :
        list(
            options.getOrDefault(
                "directions",
                String.join(",", scenario.directions().stream().map(Direction::label).toList())))) {
      directions.add(Direction.valueOf(d.toUpperCase(Locale.ROOT)));
    }
    Path fakeJar =
        Path.of(
                options.getOrDefault(
                    "fake-jar",
                    "registry-testkit/target/registry-testkit-0.1.0-SNAPSHOT-standalone.jar"))
            .toAbsolutePath();
    Path cliJar =
        Path.of(options.getOrDefault("cli-jar", "examples/target/registrykit.jar"))
            .toAbsolutePath();

    Path apiJar =
        Path.of(options.getOrDefault("api-jar", "benchmarks/target/benchmarks.jar"))
            .toAbsolutePath();
    Path cliScript =
        Path.of(options.getOrDefault("cli-script", "scripts/registrykit")).toAbsolutePath();
    List<Contender> contenders = new ArrayList<>();
    for (String name : contenderNames) {
      contenders.add(
          contender(
              name,
              cliJar,
              list(options.getOrDefault("cli-jvm-opts", "")),
              options.getOrDefault("cli-verb", "push-pull"),
              cliScript,
              apiJar));
    }

    Files.createDirectories(work);
    List<BenchImage> images = new ArrayList<>();
    for (String name : imageNames) {
      long start = System.nanoTime();
      BenchImage image =
          switch (name) {
            case "big" ->
                ImageGenerator.singleLayer(
                    work.resolve("image-big"),
                    Long.parseLong(options.getOrDefault("big-mib", "512")) << 20,
                    seed);
            case "small" ->
                ImageGenerator.manyLayers(
                    work.resolve("image-small"),
                    Integer.parseInt(options.getOrDefault("small-count", "200")),
                    Long.parseLong(options.getOrDefault("small-kib", "64")) << 10,
                    seed + 1);
            default ->
                throw new IllegalArgumentException("unknown image " + name + " (big, small)");
          };
      log(
          "image %s ready in %d ms: %s (%d layers, %d bytes)",
          image.name(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
          image.layout(),
          image.layers().size(),
          image.layerBytes());
      images.add(image);
    }

    // The fake keeps everything in its heap: limit it to a multiple of the largest image (the
    // issue's goal is 2x), so a fake that needs more fails the run instead of growing.
    long largestImage = images.stream().mapToLong(BenchImage::layerBytes).max().orElse(0);
    List<String> fakeJvmOptions =
        StandaloneFakeTarget.withHeapLimit(
            list(options.getOrDefault("fake-jvm-opts", "")),
            largestImage,
            Double.parseDouble(options.getOrDefault("fake-heap-factor", "2")));
    List<Target> targets = new ArrayList<>();
    for (String name : targetNames) {
      targets.add(
          target(
              name,
              fakeJar,
              fakeJvmOptions,
              options.containsKey("fake-args")
                  ? list(options.get("fake-args"))
                  : StandaloneFakeTarget.DEFAULT_ARGS));
    }

    ProcessMeter meter =
        ProcessMeter.detect(
            Duration.ofSeconds(Long.parseLong(options.getOrDefault("run-timeout-s", "300"))));
    StringBuilder report = new StringBuilder();
    report.append(header(scenario, iterations, meter));
    if (targetNames.contains("fake")) {
      report
          .append("Fake started as `java ")
          .append(fakeJvmOptions.isEmpty() ? "" : String.join(" ", fakeJvmOptions) + " ")
          .append("-jar ")
          .append(fakeJar.getFileName())
          .append("`\n");
    }
    for (BenchImage image : images) {
      for (Direction direction : directions) {
        report.append(runTable(image, direction, contenders, targets, iterations, meter, work));
      }
    }
    System.out.println(report);
    if (options.containsKey("markdown")) {
      Files.writeString(
          Path.of(options.get("markdown")),
          report,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /** One (contender, target) row: samples, the command seen, or why it did not run. */
  private static final class Row {
    final Contender contender;
    final Target target;
    final List<Sample> samples = new ArrayList<>();
    String command = "";
    String preparation = "";
    Optional<String> note = Optional.empty();

    Row(Contender contender, Target target) {
      this.contender = contender;
      this.target = target;
    }

    String label() {
      return contender.name() + " → " + target.name();
    }
  }

  private static String runTable(
      BenchImage image,
      Direction direction,
      List<Contender> contenders,
      List<Target> targets,
      int iterations,
      ProcessMeter meter,
      Path work)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Target target : targets) {
      for (Contender contender : contenders) {
        Row row = new Row(contender, target);
        row.note =
            target.unavailableReason().or(() -> contender.unavailableReason(direction, image));
        if (direction == Direction.PULL
            && row.note.isEmpty()
            && dev.registrykit.interop.Peers.skopeoBinary().isEmpty()) {
          row.note = Optional.of("pull needs skopeo to seed the registry");
        }
        rows.add(row);
      }
    }
    for (Row row : rows) {
      if (row.note.isEmpty() && row.contender.needsPreparation()) {
        log("%s %s %s, preparation (untimed)", image.name(), direction.label(), row.label());
        try {
          prepare(row, image, direction, meter, work);
        } catch (IOException | RuntimeException e) {
          row.note =
              Optional.of("FAILED preparation: " + firstLine(String.valueOf(e.getMessage())));
          log("  %s", e.getMessage());
        }
      }
    }
    for (int i = 0; i < iterations; i++) {
      for (Row row : rows) {
        if (row.note.isPresent()) {
          continue;
        }
        log("%s %s %s, run %d/%d", image.name(), direction.label(), row.label(), i + 1, iterations);
        try {
          row.samples.add(runOnce(row, image, direction, meter, work));
        } catch (IOException | RuntimeException e) {
          row.note = Optional.of("FAILED: " + firstLine(e.getMessage()));
          log("  %s", e.getMessage());
        }
      }
    }
    return table(image, direction, rows);
  }

  private static Sample runOnce(
      Row row, BenchImage image, Direction direction, ProcessMeter meter, Path work)
      throws IOException {
    return onFreshTarget(row, image, direction, meter, work, false);
  }

  /** The contender's untimed preparation run, against a fresh target set up as for a timed run. */
  private static void prepare(
      Row row, BenchImage image, Direction direction, ProcessMeter meter, Path work)
      throws IOException {
    onFreshTarget(row, image, direction, meter, work, true);
  }

  /**
   * Starts the row's target (seeded with the image for a pull), runs the contender's timed action
   * or its preparation in a fresh scratch directory, and records the command line for the report.
   */
  private static Sample onFreshTarget(
      Row row,
      BenchImage image,
      Direction direction,
      ProcessMeter meter,
      Path work,
      boolean preparation)
      throws IOException {
    Path scratch = Files.createTempDirectory(work, preparation ? "prepare-" : "run-");
    try (Target.Running running = row.target.start()) {
      if (direction == Direction.PULL) {
        seed(image, running, scratch, meter);
      }
      Action action =
          preparation
              ? row.contender.preparation(direction, image, running, scratch)
              : row.contender.action(direction, image, running, scratch);
      String display =
          action
              .display()
              .replace(running.hostPort(), "127.0.0.1:PORT")
              .replace(scratch.toString(), "SCRATCH");
      if (preparation) {
        row.preparation = display;
      } else {
        row.command = display;
      }
      Optional<Duration> serverCpuBefore = running.cpu();
      Sample sample = meter.measure(action, scratch);
      Optional<Duration> serverCpuAfter = running.cpu();
      Optional<Duration> serverCpu =
          serverCpuBefore.isPresent() && serverCpuAfter.isPresent()
              ? Optional.of(serverCpuAfter.get().minus(serverCpuBefore.get()))
              : Optional.empty();
      return new Sample(
          sample.wall(), sample.peakRssBytes(), running.peakRssBytes(), sample.cpu(), serverCpu);
    } finally {
      deleteRecursively(scratch);
    }
  }

  /** Puts the image into a fresh target with skopeo, untimed, before a pull. */
  private static void seed(
      BenchImage image, Target.Running running, Path scratch, ProcessMeter meter)
      throws IOException {
    Path seedScratch = Files.createDirectories(scratch.resolve("seed"));
    meter.measure(
        Action.command(
            SkopeoContender.command(Direction.PUSH, image, running.hostPort(), seedScratch)),
        seedScratch);
  }

  private static String table(BenchImage image, Direction direction, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("\n### ")
        .append(direction.label())
        .append(", ")
        .append(image.name())
        .append(" (")
        .append(image.layers().size())
        .append(" layer(s), ")
        .append(mib(image.layerBytes()))
        .append(" MiB)\n\n");
    Optional<Row> baseline =
        rows.stream()
            .filter(
                r ->
                    !r.samples.isEmpty()
                        && r.contender.name().equals("skopeo")
                        && r.target.name().equals("distribution"))
            .findFirst()
            .or(() -> rows.stream().filter(r -> !r.samples.isEmpty()).findFirst());
    out.append("| contender → target | runs | median s | min–max s | MB/s | ratio vs ")
        .append(baseline.map(Row::label).orElse("-"))
        .append(
            " | client CPU s (median) | client peak RSS MiB | server CPU s (median) | server CPU s"
                + " per GiB | server peak RSS MiB |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      if (row.samples.isEmpty()) {
        continue;
      }
      double median = median(row.samples.stream().mapToDouble(s -> seconds(s.wall())).toArray());
      double min = row.samples.stream().mapToDouble(s -> seconds(s.wall())).min().orElse(0);
      double max = row.samples.stream().mapToDouble(s -> seconds(s.wall())).max().orElse(0);
      double base =
          baseline
              .map(b -> median(b.samples.stream().mapToDouble(s -> seconds(s.wall())).toArray()))
              .orElse(median);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.2f | %.2f–%.2f | %.0f | %.2f× | %s | %s | %s | %s | %s |%n",
              row.label(),
              row.samples.size(),
              median,
              min,
              max,
              image.layerBytes() / 1e6 / median,
              median / base,
              cpu(row.samples.stream().map(Sample::cpu).toList(), 1),
              rss(row.samples.stream().map(Sample::peakRssBytes).toList()),
              cpu(row.samples.stream().map(Sample::serverCpu).toList(), 1),
              cpu(
                  row.samples.stream().map(Sample::serverCpu).toList(),
                  image.layerBytes() / (double) (1L << 30)),
              rss(row.samples.stream().map(Sample::serverPeakRssBytes).toList())));
    }
    List<Row> skipped = rows.stream().filter(r -> r.note.isPresent()).toList();
    if (!skipped.isEmpty()) {
      out.append('\n');
      for (Row row : skipped) {
        out.append("- ")
            .append(row.label())
            .append(row.samples.isEmpty() ? ": not run, " : ": ")
            .append(row.note.orElse(""))
            .append('\n');
      }
    }
    out.append("\nCommands (one timed run each):\n\n");
    for (Row row : rows) {
      if (!row.command.isEmpty()) {
        out.append("- ").append(row.label()).append(": `").append(row.command).append("`");
        if (!row.preparation.isEmpty()) {
          out.append(" (prepared once, untimed, by `").append(row.preparation).append("`)");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** The median of the CPU times measured, in seconds, divided by {@code per}. */
  private static String cpu(List<Optional<Duration>> values, double per) {
    double[] present =
        values.stream()
            .filter(Optional::isPresent)
            .mapToDouble(x -> seconds(x.get()) / per)
            .toArray();
    return present.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f", median(present));
  }

  private static String rss(List<Optional<Long>> values) {
    double[] present =
        values.stream().filter(Optional::isPresent).mapToDouble(v -> v.get() / 1048576.0).toArray();
    return present.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", median(present));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static long mib(long bytes) {
    return Math.round(bytes / 1048576.0);
  }

  private static String header(Scenario scenario, int iterations, ProcessMeter meter) {
    return "\n## PeerComparison "
        + Instant.now()
        + "\n\n"
        + "Scenario: "
        + scenario.description()
        + "; "
        + iterations
        + " run(s) each, interleaved; "
        + "peak RSS by "
        + meter.rssMethod()
        + "; "
        + Runtime.getRuntime().availableProcessors()
        + " CPU(s); "
        + versions()
        + "\n";
  }

  private static String versions() {
    List<String> parts = new ArrayList<>();
    parts.add("java " + System.getProperty("java.version"));
    firstLineOf(List.of("skopeo", "--version")).ifPresent(parts::add);
    dev.registrykit.interop.Peers.distributionBinary()
        .flatMap(p -> firstLineOf(List.of(p.toString(), "--version")))
        .ifPresent(parts::add);
    firstLineOf(List.of("curl", "--version")).map(v -> v.split(" \\(")[0]).ifPresent(parts::add);
    return String.join(", ", parts);
  }

  private static Optional<String> firstLineOf(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return Optional.of(firstLine(out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).trim();
  }

  static Contender contender(
      String name,
      Path cliJar,
      List<String> cliJvmOptions,
      String cliVerb,
      Path cliScript,
      Path apiJar) {
    switch (name) {
      case "registrykit-api":
        return new RegistryKitApiContender(apiJar, List.of());
      case "registrykit-api-cds":
        return new RegistryKitApiContender(apiJar, List.of(), true);
      case "registrykit-api-xmx64m":
        return new RegistryKitApiContender(apiJar, List.of("-Xmx64m"));
      case "registrykit-api-warm":
        return new RegistryKitApiWarmContender();
      case "skopeo":
        return new SkopeoContender();
      case "curl":
        return new CurlContender();
      case "registrykit-cli":
        return new RegistryKitCliContender(cliJar, cliJvmOptions, cliVerb);
      case "registrykit-cli-cds":
        return new RegistryKitCliContender(cliJar, cliJvmOptions, cliVerb, Optional.of(cliScript));
      default:
        throw new IllegalArgumentException(
            "unknown contender "
                + name
                + " (skopeo, curl, registrykit-cli, registrykit-cli-cds, registrykit-api, registrykit-api-cds,"
                + " registrykit-api-xmx64m, registrykit-api-warm)");
    }
  }

  private static Target target(
      String name, Path fakeJar, List<String> fakeJvmOptions, List<String> fakeArgs) {
    switch (name) {
      case "distribution":
        return new DistributionTarget();
      case "fake":
        return new StandaloneFakeTarget(fakeJar, fakeJvmOptions, fakeArgs);
      default:
        throw new IllegalArgumentException("unknown target " + name + " (distribution, fake)");
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg + "; " + usage());
      }
      String key = arg.substring(2);
      int eq = key.indexOf('=');
      if (eq >= 0) {
        options.put(key.substring(0, eq), key.substring(eq + 1));
      } else if (key.equals("help")) {
        options.put(key, "");
      } else if (i + 1 < args.length) {
        options.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for " + arg);
      }
    }
    return options;
  }

  /** The contenders a scenario runs unless {@code --contenders} says otherwise. */
  static List<String> defaultContenders(String scenario) {
    return SCENARIOS.get(scenario).contenders();
  }

  /** A comma- or space-separated option value, as {@code --contenders} and the like are parsed. */
  static List<String> list(String csv) {
    return Arrays.stream(csv.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
  }

  private static String usage() {
    return "usage: PeerComparison [--scenario "
        + String.join("|", SCENARIOS.keySet())
        + "] [--iterations N] [--images big,small] [--directions push,pull] [--contenders"
        + " skopeo,curl,registrykit-cli,registrykit-cli-cds,registrykit-api,registrykit-api-cds,registrykit-api-xmx64m,"
        + "registrykit-api-warm]"
        + " [--targets distribution,fake] [--work-dir DIR] [--seed N]"
        + " [--big-mib 512] [--small-count 200] [--small-kib 64] [--fake-jar PATH] [--fake-heap-factor 2] [--fake-jvm-opts"
        + " '-Xmx1g'] [--fake-args '--port {port} --address 127.0.0.1'] [--cli-jar PATH]"
        + " [--cli-jvm-opts '-Xmx64m'] [--cli-verb push-pull|copy] [--cli-script scripts/registrykit] [--run-timeout-s 300]"
        + " [--api-jar PATH] [--markdown FILE]";
  }

  private static void log(String format, Object... args) {
    System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
