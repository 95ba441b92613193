package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The testkit's standalone fake registry, one JVM per timed run: {@code java [JVM options] -jar
 * registry-testkit-…-standalone.jar ARGS}, where ARGS default to {@link #DEFAULT_ARGS} and {@code
 * {port}} is replaced by a free port.
 *
 * <p>The fake holds everything in its heap, so the harness gives it an explicit heap limit scaled
 * to the largest image ({@link #withHeapLimit}: 2× by default, the memory goal), which
 * turns "the heap stays below 2× the stored content" from a reading of RSS into a run that fails if
 * the fake needs more.
 */
public final class StandaloneFakeTarget implements Target {

  private static final String MAIN_CLASS_ENTRY =
      "dev/registrykit/testkit/standalone/StandaloneRegistry.class";

  /** The standalone's arguments unless told otherwise, as for {@code registrykit serve}. */
  public static final List<String> DEFAULT_ARGS =
      List.of("--port", "{port}", "--address", "127.0.0.1");

  /** The smallest heap limit given, for tiny images: the fake's own classes and buffers. */
  static final long MIN_HEAP_MIB = 64;

  private final Path jar;
  private final List<String> jvmOptions;
  private final List<String> args;

  /**
   * A target for the given jar.
   *
   * @param jar the standalone jar
   * @param jvmOptions options for its JVM, e.g. {@code -Xmx1g}
   * @param args its arguments; {@code {port}} is replaced by the port to listen on
   */
  public StandaloneFakeTarget(Path jar, List<String> jvmOptions, List<String> args) {
    this.jar = jar;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.args = List.copyOf(args);
  }

  /**
   * {@code jvmOptions} plus {@code -Xmx} of {@code factor} × {@code largestImageBytes} (at least
   * {@value #MIN_HEAP_MIB} MiB), unless they already set a heap limit or {@code factor} is not
   * positive.
   *
   * @param jvmOptions the options asked for
   * @param largestImageBytes the layer bytes of the largest image of the run
   * @param factor the heap limit as a multiple of those bytes; {@code 0} for the JVM's default
   * @return the options to start the fake with
   */
  public static List<String> withHeapLimit(
      List<String> jvmOptions, long largestImageBytes, double factor) {
    boolean limited =
        jvmOptions.stream()
            .anyMatch(
                o ->
                    o.startsWith("-Xmx")
                        || o.startsWith("-XX:MaxHeapSize")
                        || o.startsWith("-XX:MaxRAMPercentage"));
    if (limited || factor <= 0) {
      return List.copyOf(jvmOptions);
    }
    long mib =
        Math.max(MIN_HEAP_MIB, (long) Math.ceil(factor * largestImageBytes / (1024.0 * 1024.0)));
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Xmx" + mib + "m");
    return List.copyOf(options);
  }

  /**
   * The options its JVM is started with.
   *
   * @return the JVM options
   */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Optional<String> unavailableReason() {
    if (!Files.isRegularFile(jar)) {
      return Optional.of(
          "standalone fake jar not built: "
              + jar
              + " (mvn -pl registry-testkit -am package -DskipTests)");
    }
    try (JarFile jarFile = new JarFile(jar.toFile())) {
      if (jarFile.getEntry(MAIN_CLASS_ENTRY) == null) {
        return Optional.of(
            "standalone fake jar "
                + jar
                + " has no "
                + MAIN_CLASS_ENTRY
                + " (the standalone server has not landed yet)");
      }
    } catch (IOException e) {
      return Optional.of("unreadable jar " + jar + ": " + e);
    }
    return Optional.empty();
  }

  @Override
  public Running start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("registrykit-fake-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    for (String arg : args) {
      command.add(arg.replace("{port}", String.valueOf(port)));
    }
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String hostPort = "127.0.0.1:" + port;
    Running running =
        new Running() {
          @Override
          public String hostPort() {
            return hostPort;
          }

          @Override
          public Optional<Long> peakRssBytes() {
            return ProcFs.peakRss(process.pid());
          }

          @Override
          public Optional<Duration> cpu() {
            return ProcFs.cpu(process.pid());
          }

          @Override
          public void close() {
            process.destroy();
            try {
              if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
              }
              Files.deleteIfExists(log);
            } catch (InterruptedException e) {
              process.destroyForcibly();
              Thread.currentThread().interrupt();
            } catch (IOException e) {
              // A leftover log file in the temp directory is harmless.
            }
          }
        };
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = Files.readString(log);
        running.close();
        throw new IOException(
            "standalone fake exited early: " + String.join(" ", command) + "\n" + output);
      }
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return running;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.close();
        throw new IOException("interrupted", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.close();
        throw new IOException("interrupted", e);
      }
    }
    running.close();
    throw new IOException(
        "standalone fake did not answer /v2/ within 60 s: " + String.join(" ", command));
  }
}
