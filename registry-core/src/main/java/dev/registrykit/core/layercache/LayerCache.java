package dev.registrykit.core.layercache;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Built layers on disk, keyed by their inputs: {@link #layer(LayerBuilder)} returns the layer built
 * before from the same inputs, or builds it now and keeps it.
 *
 * <p>The directory holds {@code blobs/sha256/<hex>} (layer blobs, named by digest, so layers with
 * the same bytes share one file) and {@code layers/<fingerprint>} (a few lines: digest, size, diff
 * ID, media type). Files appear atomically, so concurrent builds sharing a cache (a parallel
 * reactor) see a complete entry or none. A reused blob is hashed again first (far cheaper than
 * building it): a truncated or altered file is rebuilt, never used.
 *
 * <p>Thread-safe. Nothing is ever deleted here except damaged entries; the cache lives under the
 * build's output directory, so a clean build starts it afresh.
 */
public final class LayerCache {
  private static final String FORMAT = "registrykit-layer/1";

  private final Path directory;
  private final Path blobs;
  private final Path layers;

  private LayerCache(Path directory) {
    this.directory = directory;
    this.blobs = directory.resolve("blobs").resolve("sha256");
    this.layers = directory.resolve("layers");
  }

  /**
   * Opens the cache in {@code directory}, creating it when missing.
   *
   * @throws IOException when the directory cannot be created
   */
  public static LayerCache open(Path directory) throws IOException {
    LayerCache cache =
        new LayerCache(Objects.requireNonNull(directory, "directory").toAbsolutePath());
    Files.createDirectories(cache.blobs);
    Files.createDirectories(cache.layers);
    return cache;
  }

  /** The cache's directory. */
  public Path directory() {
    return directory;
  }

  /**
   * The layer {@code builder} describes: the cached one when its {@linkplain
   * LayerBuilder#inputFingerprint() inputs} are unchanged and its blob is intact, else freshly
   * written into the cache.
   *
   * @throws IOException when a source cannot be read or the cache cannot be written
   */
  public CachedLayer layer(LayerBuilder builder) throws IOException {
    Digest fingerprint = builder.inputFingerprint();
    Path record = layers.resolve(fingerprint.hex());
    Optional<BuiltLayer> cached = read(record);
    if (cached.isPresent()) {
      return new CachedLayer(cached.get(), true);
    }
    BuiltLayer built = write(builder);
    AtomicFiles.write(
        record, temp -> Files.writeString(temp, render(built), StandardCharsets.UTF_8));
    return new CachedLayer(built, false);
  }

  private BuiltLayer write(LayerBuilder builder) throws IOException {
    Path temp = Files.createTempFile(blobs, ".layer-", "");
    try {
      BuiltLayer written = builder.writeTo(temp);
      Path blob = blobs.resolve(written.digest().hex());
      AtomicFiles.move(temp, blob);
      return new BuiltLayer(
          written.digest(),
          written.size(),
          written.diffId(),
          written.mediaType(),
          Optional.of(blob));
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The recorded layer, if its record is well-formed and its blob still hashes to its digest. */
  private Optional<BuiltLayer> read(Path record) throws IOException {
    String text;
    try {
      text = Files.readString(record, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    Optional<Digest> digest = Digest.tryParse(fields.get("digest"));
    Optional<Digest> diffId = Digest.tryParse(fields.get("diffId"));
    String size = fields.get("size");
    String mediaType = fields.get("mediaType");
    if (!FORMAT.equals(fields.get("format"))
        || digest.isEmpty()
        || diffId.isEmpty()
        || size == null
        || mediaType == null
        || !size.matches("[0-9]{1,18}")) {
      Files.deleteIfExists(record);
      return Optional.empty();
    }
    Path blob = blobs.resolve(digest.get().hex());
    if (!intact(blob, digest.get(), Long.parseLong(size))) {
      Files.deleteIfExists(record);
      Files.deleteIfExists(blob);
      return Optional.empty();
    }
    return Optional.of(
        new BuiltLayer(
            digest.get(),
            Long.parseLong(size),
            diffId.get(),
            MediaType.of(mediaType),
            Optional.of(blob)));
  }

  private static boolean intact(Path blob, Digest digest, long size) throws IOException {
    try (InputStream in = Files.newInputStream(blob)) {
      SizedDigest actual = Digest.compute(DigestAlgorithm.SHA256, in);
      return actual.size() == size && actual.digest().equals(digest);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static String render(BuiltLayer layer) {
    return "format="
        + FORMAT
        + "\n"
        + "digest="
        + layer.digest()
        + "\n"
        + "size="
        + layer.size()
        + "\n"
        + "diffId="
        + layer.diffId()
        + "\n"
        + "mediaType="
        + layer.mediaType()
        + "\n";
  }

  @Override
  public String toString() {
    return "LayerCache[" + directory + "]";
  }
}
