package dev.registrykit.benchmarks.process;

import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small requests on one kept-alive connection, side by side in one run: the real Distribution
 * registry, the standalone fake (its own JVM) and an in-process fake. Each gets the same small
 * image; then {@code --requests} sequential manifest {@code GET}s and as many blob {@code HEAD}s on
 * one HTTP/1.1 connection of the JDK's client, after {@code --warmup} of each. Prints the median
 * and 90th percentile per request and the fakes' medians as ratios of Distribution's.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.process.SmallRequestComparison \
 *     [--requests 200] [--warmup 200] [--rounds 3] [--fake-jar registry-testkit/target/registry-testkit-0.1.0-SNAPSHOT-standalone.jar]
 * </pre>
 *
 * <p>Not a test: nothing here asserts a time.
 */
public final class SmallRequestComparison {
  private static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private SmallRequestComparison() {}

  /** One target's per-request times of one kind, in nanoseconds. */
  private record Timings(String target, String kind, long[] nanos) {
    double medianMillis() {
      return percentile(0.5);
    }

    double p90Millis() {
      return percentile(0.9);
    }

    private double percentile(double p) {
      long[] sorted = nanos.clone();
      Arrays.sort(sorted);
      return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
  }

  /**
   * Runs the comparison.
   *
   * @param args the options above
   * @throws Exception if a target does not start or answer
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int requests = Integer.parseInt(options.getOrDefault("requests", "200"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    Path jar =
        Path.of(
            options.getOrDefault(
                "fake-jar",
                "registry-testkit/target/registry-testkit-0.1.0-SNAPSHOT-standalone.jar"));

    List<Timings> all = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      try (Target.Running distribution = new DistributionTarget().start()) {
        all.addAll(measure("distribution", "http://" + distribution.hostPort(), requests, warmup));
      }
      try (Target.Running fake =
          new StandaloneFakeTarget(jar, List.of("-Xmx256m"), StandaloneFakeTarget.DEFAULT_ARGS)
              .start()) {
        all.addAll(measure("fake (standalone)", "http://" + fake.hostPort(), requests, warmup));
      }
      try (FakeRegistry fake = FakeRegistry.builder().hostName("127.0.0.1").start()) {
        all.addAll(measure("fake (in-process)", fake.baseUri().toString(), requests, warmup));
      }
    }
    System.out.println("| target | request | median ms | p90 ms | median / Distribution's |");
    System.out.println("|---|---|---|---|---|");
    for (String kind : List.of("manifest GET", "blob HEAD")) {
      for (String target : List.of("distribution", "fake (standalone)", "fake (in-process)")) {
        long[] merged =
            all.stream()
                .filter(t -> t.target().equals(target) && t.kind().equals(kind))
                .flatMapToLong(t -> Arrays.stream(t.nanos()))
                .toArray();
        long[] reference =
            all.stream()
                .filter(t -> t.target().equals("distribution") && t.kind().equals(kind))
                .flatMapToLong(t -> Arrays.stream(t.nanos()))
                .toArray();
        Timings mine = new Timings(target, kind, merged);
        Timings theirs = new Timings("distribution", kind, reference);
        System.out.printf(
            "| %s | %s | %.3f | %.3f | %.2f× |%n",
            target,
            kind,
            mine.medianMillis(),
            mine.p90Millis(),
            mine.medianMillis() / theirs.medianMillis());
      }
    }
  }

  private static List<Timings> measure(String target, String base, int requests, int warmup)
      throws IOException, InterruptedException {
    // One connection: the JDK's client reuses its one idle HTTP/1.1 connection for sequential
    // requests.
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    byte[] blob =
        "a small layer for the small-request comparison\n".getBytes(StandardCharsets.UTF_8);
    String blobDigest = sha256(blob);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = sha256(config);
    upload(client, base, blob, blobDigest);
    upload(client, base, config, configDigest);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MANIFEST_TYPE
                + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\""
                + blobDigest
                + "\",\"size\":"
                + blob.length
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<Void> put =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/bench/small/manifests/v1"))
                .header("Content-Type", MANIFEST_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    check(put, 201, "manifest PUT");
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(base + "/v2/bench/small/manifests/v1"))
            .header("Accept", MANIFEST_TYPE)
            .GET()
            .build();
    HttpRequest head =
        HttpRequest.newBuilder(URI.create(base + "/v2/bench/small/blobs/" + blobDigest))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    return List.of(
        new Timings(target, "manifest GET", time(client, get, requests, warmup)),
        new Timings(target, "blob HEAD", time(client, head, requests, warmup)));
  }

  private static long[] time(HttpClient client, HttpRequest request, int requests, int warmup)
      throws IOException, InterruptedException {
    for (int i = 0; i < warmup; i++) {
      check(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), 200, request.method());
    }
    long[] nanos = new long[requests];
    for (int i = 0; i < requests; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      nanos[i] = System.nanoTime() - start;
      check(response, 200, request.method());
    }
    return nanos;
  }

  private static void upload(HttpClient client, String base, byte[] content, String digest)
      throws IOException, InterruptedException {
    HttpResponse<Void> opened =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/bench/small/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    check(opened, 202, "upload POST");
    URI location = URI.create(base).resolve(opened.headers().firstValue("Location").orElseThrow());
    String separator = location.getRawQuery() == null ? "?" : "&";
    HttpResponse<Void> done =
        client.send(
            HttpRequest.newBuilder(URI.create(location + separator + "digest=" + digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    check(done, 201, "upload PUT");
  }

  private static void check(HttpResponse<?> response, int status, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(
          what + " answered " + response.statusCode() + " (expected " + status + ")");
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
