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
 */
public final class StandaloneFakeTarget implements Target {

  private static final String MAIN_CLASS_ENTRY =
      "dev/registrykit/testkit/standalone/StandaloneRegistry.class";

  /** The standalone's arguments unless told otherwise, as for {@code registrykit serve}. */
  public static final List<String> DEFAULT_ARGS =
      List.of("--port", "{port}", "--address", "127.0.0.1");

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
