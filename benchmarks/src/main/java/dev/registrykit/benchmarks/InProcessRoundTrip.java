package dev.registrykit.benchmarks;

import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a JUnit test that pushes and pulls an image with the project's client costs against the
 * in-process fake: a fresh {@code FakeRegistry} per round, a push of a seeded 20-layer image from
 * an OCI layout, then a pull into another. Prints each round and the median of the rounds after the
 * first (the first includes class loading and JIT warm-up, as the first test of a suite does).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.registrykit.benchmarks.InProcessRoundTrip [--layers 20] [--layer-kib 256] [--rounds 11]
 * </pre>
 */
public final class InProcessRoundTrip {
  private InProcessRoundTrip() {}

  /**
   * Runs the rounds.
   *
   * @param args the options above
   * @throws Exception if a transfer fails
   */
  public static void main(String[] args) throws Exception {
    int layers = 20;
    int layerKib = 256;
    int rounds = 11;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--layers" -> layers = Integer.parseInt(args[i + 1]);
        case "--layer-kib" -> layerKib = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    GeneratedImage image = RandomImages.image(20261206, layers, layerKib * 1024);
    Path work = Files.createTempDirectory("registrykit-roundtrip-");
    try {
      Path source = writeLayout(work.resolve("source"), image, "v1");
      List<Double> pushes = new ArrayList<>();
      List<Double> pulls = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        try (FakeRegistry fake = FakeRegistry.builder().hostName("127.0.0.1").start()) {
          ImageReference ref = ImageReference.parse(fake.host() + "/bench/app:v1");
          long start = System.nanoTime();
          ClientPushPull.push(source, "v1", ref, true, TransferOptions.defaults());
          long pushed = System.nanoTime();
          ClientPushPull.pull(
              ref, work.resolve("pulled-" + round), true, TransferOptions.defaults());
          long pulled = System.nanoTime();
          double push = (pushed - start) / 1e6;
          double pull = (pulled - pushed) / 1e6;
          System.out.printf("round %d: push %.1f ms, pull %.1f ms%n", round, push, pull);
          if (round > 1) {
            pushes.add(push);
            pulls.add(pull);
          }
        }
      }
      System.out.printf(
          "%d layers x %d KiB, median of rounds 2-%d: push %.1f ms, pull %.1f ms, push+pull %.1f ms%n",
          layers, layerKib, rounds, median(pushes), median(pulls), median(pushes) + median(pulls));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
  }

  /** An OCI image layout holding {@code image} under {@code tag}. */
  private static Path writeLayout(Path dir, GeneratedImage image, String tag) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    write(blobs, image.config());
    for (Bytes layer : image.layers()) {
      write(blobs, layer);
    }
    Bytes manifest = image.manifest().bytes();
    Digest manifestDigest = write(blobs, manifest);
    Files.writeString(
        dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + image.manifest().mediaType().value()
            + "\",\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.size()
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}",
        StandardCharsets.UTF_8);
    return dir;
  }

  private static Digest write(Path blobs, Bytes content) throws IOException {
    Digest digest = content.sha256();
    Files.write(blobs.resolve(digest.hex()), content.toByteArray());
    return digest;
  }
}
