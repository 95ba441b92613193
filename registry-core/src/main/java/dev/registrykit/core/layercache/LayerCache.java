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
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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
 * ID, media type, and the blob file's modification time as it was written). Files appear
 * atomically, so concurrent builds sharing a cache (a parallel reactor) see a complete entry or
 * none. A reused blob whose size or modification time differs from its record is hashed again (far
 * cheaper than building it): a truncated or altered file is rebuilt, never used. One that looks as
 * written is not read at all here (an incremental build that reuses its layers then reads none of
 * them); its bytes are still checked against its digest wherever they are read ({@link
 * BuiltLayer#open()}), so a file altered behind the cache's back fails the build, and is never
 * passed on.
 *
 * <p>Thread-safe. Nothing is ever deleted here except damaged entries; the cache lives under the
 * build's output directory, so a clean build starts it afresh.
 */
public final class LayerCache {
  private static final String FORMAT = "registrykit-layer/2";

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
    writeRecord(record, built);
    return new CachedLayer(built, false);
  }

  private void writeRecord(Path record, BuiltLayer built) throws IOException {
    FileTime modified = Files.getLastModifiedTime(blobs.resolve(built.digest().hex()));
    AtomicFiles.write(
        record, temp -> Files.writeString(temp, render(built, modified), StandardCharsets.UTF_8));
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
    String modified = fields.get("blobModified");
    if (!FORMAT.equals(fields.get("format"))
        || digest.isEmpty()
        || diffId.isEmpty()
        || size == null
        || mediaType == null
        || modified == null
        || !size.matches("[0-9]{1,18}")) {
      Files.deleteIfExists(record);
      return Optional.empty();
    }
    Path blob = blobs.resolve(digest.get().hex());
    BuiltLayer layer =
        new BuiltLayer(
            digest.get(),
            Long.parseLong(size),
            diffId.get(),
            MediaType.of(mediaType),
            Optional.of(blob));
    if (asWritten(blob, layer.size(), modified)) {
      return Optional.of(layer);
    }
    // Touched since its record was written (or rewritten by another entry with the same bytes):
    // hash it; if intact, record its new time so the next build need not.
    if (!intact(blob, layer.digest(), layer.size())) {
      Files.deleteIfExists(record);
      Files.deleteIfExists(blob);
      return Optional.empty();
    }
    writeRecord(record, layer);
    return Optional.of(layer);
  }

  /** Whether the blob has the size and modification time its record says it was written with. */
  private static boolean asWritten(Path blob, long size, String modified) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(blob, BasicFileAttributes.class);
      return attributes.isRegularFile()
          && attributes.size() == size
          && attributes.lastModifiedTime().toString().equals(modified);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean intact(Path blob, Digest digest, long size) throws IOException {
    try (InputStream in = Files.newInputStream(blob)) {
      SizedDigest actual = Digest.compute(DigestAlgorithm.SHA256, in);
      return actual.size() == size && actual.digest().equals(digest);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static String render(BuiltLayer layer, FileTime blobModified) {
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
        + "\n"
        + "blobModified="
        + blobModified
        + "\n";
  }

  @Override
  public String toString() {
    return "LayerCache[" + directory + "]";
  }
}
