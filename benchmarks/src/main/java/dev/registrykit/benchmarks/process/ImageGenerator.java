package dev.registrykit.benchmarks.process;

import dev.registrykit.core.build.TarArchives;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes benchmark images as OCI image layouts with JDK classes only.
 *
 * <p>Each layer is a valid uncompressed tar ({@code application/vnd.oci.image.layer.v1.tar}) of
 * exactly the requested size: one 512-byte ustar header, seeded random content (incompressible, so
 * no tool gains by compressing it), and the two zero blocks that end an archive. Generating is
 * deterministic for a given seed, so every run and machine pushes the same digests.
 *
 * <p>A finished layout is marked by a {@code .complete} file holding its parameters; calling again
 * with the same parameters reuses it (generating 512 MiB costs seconds, not worth repeating).
 */
public final class ImageGenerator {

  private static final int TAR_BLOCK = 512;
  private static final int CHUNK = 1 << 20;

  private ImageGenerator() {}

  /**
   * The single-stream workload: one layer of {@code layerSize} bytes.
   *
   * @param directory where the layout goes (created; reused if already complete)
   * @param layerSize the layer blob's size; a multiple of 512, at least 1536
   * @param seed the random seed
   * @return the image
   * @throws IOException if writing fails
   */
  public static BenchImage singleLayer(Path directory, long layerSize, long seed)
      throws IOException {
    return generate("1x" + human(layerSize), directory, 1, layerSize, seed);
  }

  /**
   * The many-blobs workload: {@code count} distinct layers of {@code layerSize} bytes each.
   *
   * @param directory where the layout goes (created; reused if already complete)
   * @param count the number of layers
   * @param layerSize each layer blob's size; a multiple of 512, at least 1536
   * @param seed the random seed
   * @return the image
   * @throws IOException if writing fails
   */
  public static BenchImage manyLayers(Path directory, int count, long layerSize, long seed)
      throws IOException {
    return generate(count + "x" + human(layerSize), directory, count, layerSize, seed);
  }

  private static BenchImage generate(String name, Path dir, int count, long layerSize, long seed)
      throws IOException {
    if (layerSize % TAR_BLOCK != 0 || layerSize < 3L * TAR_BLOCK || count < 1) {
      throw new IllegalArgumentException("layer size must be a multiple of 512, >= 1536");
    }
    String parameters = "v1 count=" + count + " size=" + layerSize + " seed=" + seed + "\n";
    Path marker = dir.resolve(".complete");
    boolean reuse =
        Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(parameters);
    if (!reuse && Files.exists(dir)) {
      deleteLayout(dir);
    }
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    SplittableRandom random = new SplittableRandom(seed);
    List<BenchImage.Blob> layers = new ArrayList<>();
    StringBuilder diffIds = new StringBuilder();
    for (int i = 0; i < count; i++) {
      SplittableRandom layerRandom = random.split();
      BenchImage.Blob layer =
          reuse
              ? describeLayer(dir, i)
              : writeTarLayer(blobs, "layer-" + i + ".bin", layerSize, layerRandom);
      layers.add(layer);
      // Uncompressed: the diff ID is the layer digest.
      diffIds.append(i == 0 ? "" : ",").append('"').append(layer.digest()).append('"');
    }
    if (!reuse) {
      // Record which blob is which layer, so a reuse need not hash 512 MiB again.
      StringBuilder list = new StringBuilder();
      for (BenchImage.Blob layer : layers) {
        list.append(layer.digest()).append(' ').append(layer.size()).append('\n');
      }
      Files.writeString(dir.resolve("layers.txt"), list, StandardCharsets.UTF_8);
    }
    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + diffIds
                + "]}}")
            .getBytes(StandardCharsets.UTF_8);
    BenchImage.Blob configBlob = writeSmallBlob(blobs, config);
    StringBuilder manifest =
        new StringBuilder(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + configBlob.digest()
                + "\",\"size\":"
                + configBlob.size()
                + "},"
                + "\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      manifest
          .append(i == 0 ? "" : ",")
          .append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"")
          .append(layers.get(i).digest())
          .append("\",\"size\":")
          .append(layers.get(i).size())
          .append('}');
    }
    manifest.append("]}");
    byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    BenchImage.Blob manifestBlob = writeSmallBlob(blobs, manifestBytes);
    String tag = "bench";
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        dir.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{"
            + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\""
            + manifestBlob.digest()
            + "\",\"size\":"
            + manifestBlob.size()
            + ","
            + "\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}");
    Files.writeString(marker, parameters, StandardCharsets.UTF_8);
    return new BenchImage(name, dir, tag, manifestBlob.digest(), configBlob, layers);
  }

  private static BenchImage.Blob describeLayer(Path dir, int index) throws IOException {
    String line = Files.readAllLines(dir.resolve("layers.txt"), StandardCharsets.UTF_8).get(index);
    String[] parts = line.split(" ");
    return new BenchImage.Blob(
        parts[0], Long.parseLong(parts[1]), dir.resolve("blobs/sha256/" + parts[0].substring(7)));
  }

  /** Streams a one-file tar of exactly {@code size} bytes to disk, hashing as it goes. */
  private static BenchImage.Blob writeTarLayer(
      Path blobs, String tmpName, long size, SplittableRandom random) throws IOException {
    MessageDigest sha256 = sha256();
    Path tmp = blobs.resolve(tmpName + ".tmp");
    long contentSize = size - 3L * TAR_BLOCK;
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer header = ByteBuffer.wrap(TarArchives.fileHeader(tmpName, contentSize));
      write(out, header, sha256);
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
      long remaining = contentSize;
      while (remaining > 0) {
        int n = (int) Math.min(CHUNK, remaining);
        chunk.clear();
        for (int i = 0; i + 8 <= n; i += 8) {
          chunk.putLong(random.nextLong());
        }
        chunk.position(n).flip(); // n is a multiple of 512, so of 8
        write(out, chunk, sha256);
        remaining -= n;
      }
      write(out, ByteBuffer.wrap(TarArchives.trailer(contentSize)), sha256);
    }
    String digest = "sha256:" + HexFormat.of().formatHex(sha256.digest());
    Path target = blobs.resolve(digest.substring(7));
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new BenchImage.Blob(digest, size, target);
  }

  private static void write(FileChannel out, ByteBuffer buffer, MessageDigest digest)
      throws IOException {
    digest.update(buffer.duplicate());
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  private static BenchImage.Blob writeSmallBlob(Path blobs, byte[] content) throws IOException {
    String digest = "sha256:" + HexFormat.of().formatHex(sha256().digest(content));
    Path path = blobs.resolve(digest.substring(7));
    Files.write(path, content);
    return new BenchImage.Blob(digest, content.length, path);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  private static void deleteLayout(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String human(long bytes) {
    if (bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes % 1024 == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + "B";
  }
}
