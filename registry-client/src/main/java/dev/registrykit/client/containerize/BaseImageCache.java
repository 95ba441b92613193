package dev.registrykit.client.containerize;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Registry base images kept on disk between builds, so that a build whose base did not move asks
 * the registry one {@code HEAD} for the base's tag, and nothing at all when the base is pinned by
 * digest or the build is offline.
 *
 * <p>The directory holds {@code blobs/sha256/<hex>} (manifests, configs and, once a local target
 * needed them, layers; each named by its digest) and {@code tags/<hex>} (a reference and the
 * manifest digest its tag had when last asked; the file is named by the SHA-256 of the reference).
 * Every blob is checked against its digest before it is used: a damaged or truncated file is
 * deleted and fetched again, never used. Files appear atomically (written aside, then moved), so
 * builds sharing the directory see a whole file or none.
 *
 * <p>Thread-safe: it holds no state besides the directory.
 */
final class BaseImageCache {
  /** Manifests and configs are small JSON documents; a larger file is not one of ours. */
  private static final int MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

  private final Path blobs;
  private final Path tags;

  private BaseImageCache(Path directory) {
    this.blobs = directory.resolve("blobs").resolve("sha256");
    this.tags = directory.resolve("tags");
  }

  static BaseImageCache open(Path directory) throws IOException {
    BaseImageCache cache = new BaseImageCache(directory.toAbsolutePath());
    Files.createDirectories(cache.blobs);
    Files.createDirectories(cache.tags);
    return cache;
  }

  /**
   * The manifest digest {@code reference} names: from the reference itself (pinned), from a {@code
   * HEAD} for its tag, or offline the tag's digest when last asked.
   *
   * @param client makes the registry client when one is needed; empty when nothing may be asked
   *     (offline)
   * @return empty when offline and the tag was never asked for
   */
  Optional<Digest> digest(ImageReference reference, Optional<Supplier<RegistryClient>> client)
      throws IOException {
    if (reference.digest().isPresent()) {
      return reference.digest();
    }
    if (client.isEmpty()) {
      return lastDigest(reference);
    }
    Optional<Descriptor> head = client.get().get().headManifest(reference);
    Digest digest;
    if (head.isPresent()) {
      digest = head.get().digest();
    } else {
      // Not there: the GET fails with the registry's own words (manifest or name unknown).
      RawManifest manifest = client.get().get().getManifest(reference).manifest();
      digest = manifest.digest();
      store(digest, manifest.bytes());
    }
    rememberTag(reference, digest);
    return Optional.of(digest);
  }

  /**
   * The manifest {@code digest} in {@code repository}: from the cache when intact, else fetched
   * (checked against the digest) and kept.
   *
   * @return empty when offline and the cache does not have it
   */
  Optional<RawManifest> manifest(
      Repository repository, Digest digest, Optional<Supplier<RegistryClient>> client)
      throws IOException {
    Optional<Bytes> cached = document(digest);
    if (cached.isPresent()) {
      return Optional.of(RawManifest.of(cached.get()));
    }
    if (client.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(fetchManifest(client.get().get(), repository, digest));
  }

  /** The image whose manifest is {@code manifest}, its config and layers through the cache. */
  Image image(
      RawManifest manifest, Repository repository, Optional<Supplier<RegistryClient>> client)
      throws IOException {
    return image(manifest, new Source(client, repository));
  }

  /** The index {@code manifest}, its images through the cache. */
  ImageIndex index(
      RawManifest manifest, Repository repository, Optional<Supplier<RegistryClient>> client) {
    return new CachedIndex(manifest, new Source(client, repository));
  }

  /** Where a missing document or layer comes from: the base's repository, when online. */
  private record Source(Optional<Supplier<RegistryClient>> client, Repository repository) {
    RegistryClient require(Digest digest) throws IOException {
      if (client.isEmpty()) {
        throw new ContainerizeException(
            "offline: "
                + repository
                + "@"
                + digest
                + " of the base image is not in the base image cache; build online once");
      }
      return client.get().get();
    }
  }

  private Image image(RawManifest manifest, Source source) throws IOException {
    ImageManifest parsed = ManifestCodec.parseImageManifest(manifest);
    Descriptor configDescriptor = parsed.config();
    Bytes config;
    if (configDescriptor.data().isPresent()) {
      config = configDescriptor.data().get();
    } else {
      Optional<Bytes> cached = document(configDescriptor.digest());
      if (cached.isPresent()) {
        config = cached.get();
      } else {
        config = fetchDocument(source, configDescriptor, "config");
      }
    }
    List<Layer> layers = new ArrayList<>();
    for (Descriptor d : parsed.layers()) {
      layers.add(new CachedLayer(d, source));
    }
    return Images.of(manifest, config, layers);
  }

  private RawManifest fetchManifest(RegistryClient client, Repository repository, Digest digest)
      throws IOException {
    // getManifest checks the bytes against the digest asked for.
    RawManifest manifest =
        client
            .getManifest(new ImageReference(repository, Optional.empty(), Optional.of(digest)))
            .manifest();
    store(digest, manifest.bytes());
    return manifest;
  }

  private Bytes fetchDocument(Source source, Descriptor d, String what) throws IOException {
    RegistryClient client = source.require(d.digest());
    if (d.size() > MAX_DOCUMENT_BYTES) {
      throw new RegistryException(
          "GET " + what + " " + source.repository() + "@" + d.digest(),
          "the " + what + " is larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    Bytes bytes;
    try (InputStream in =
        client.openBlob(source.repository(), d.digest(), d.size(), ProgressListener.NONE)) {
      bytes = Bytes.readFrom(in);
    }
    if (!bytes.digest(d.digest().algorithm()).equals(d.digest())) {
      throw new RegistryException(
          "GET " + what + " " + source.repository() + "@" + d.digest(),
          "the content does not match its digest");
    }
    store(d.digest(), bytes);
    return bytes;
  }

  /** A cached document whose bytes still match {@code digest}; a damaged one is deleted. */
  Optional<Bytes> document(Digest digest) throws IOException {
    Path file = blob(digest);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_DOCUMENT_BYTES) {
        Files.deleteIfExists(file);
        return Optional.empty();
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (!Digest.of(digest.algorithm(), bytes).equals(digest)) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    return Optional.of(Bytes.of(bytes));
  }

  /** The manifest digest {@code reference}'s tag had when last asked. */
  Optional<Digest> lastDigest(ImageReference reference) throws IOException {
    Path file = tagFile(reference);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] lines = text.split("\n");
    // The reference is written out too, so that a (theoretical) name collision is never a hit.
    if (lines.length < 2 || !lines[0].equals(reference.toString())) {
      return Optional.empty();
    }
    return Digest.tryParse(lines[1]);
  }

  private void rememberTag(ImageReference reference, Digest digest) throws IOException {
    if (lastDigest(reference).equals(Optional.of(digest))) {
      return;
    }
    String record = reference + "\n" + digest + "\n";
    AtomicFiles.write(
        tagFile(reference), temp -> Files.writeString(temp, record, StandardCharsets.UTF_8));
  }

  private Path tagFile(ImageReference reference) {
    return tags.resolve(Bytes.ofUtf8(reference.toString()).sha256().hex());
  }

  private Path blob(Digest digest) {
    return blobs.resolve(digest.algorithm() + "-" + digest.hex());
  }

  private void store(Digest digest, Bytes bytes) throws IOException {
    AtomicFiles.write(blob(digest), temp -> Files.write(temp, bytes.toByteArray()));
  }

  /**
   * The layer's file in the cache, fetched first when it is missing or does not match its digest (a
   * layer is read twice: once to check it, once by the caller; far cheaper than the transfer).
   */
  private Path layerFile(Descriptor d, Source source) throws IOException {
    Path file = blob(d.digest());
    if (intact(file, d)) {
      return file;
    }
    Files.deleteIfExists(file);
    RegistryClient client = source.require(d.digest());
    Path temp = Files.createTempFile(blobs, ".layer-", "");
    try {
      try (InputStream in =
          client.openBlob(source.repository(), d.digest(), d.size(), ProgressListener.NONE)) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!intact(temp, d)) {
        throw new RegistryException(
            "GET blob " + source.repository() + "@" + d.digest(),
            "the layer does not match its digest");
      }
      AtomicFiles.move(temp, file);
      return file;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean intact(Path file, Descriptor d) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      SizedDigest actual = Digest.compute(d.digest().algorithm(), in);
      return actual.size() == d.size() && actual.digest().equals(d.digest());
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** A base layer: from the cache, fetched into it when first opened. */
  private final class CachedLayer implements Layer {
    private final Descriptor descriptor;
    private final Source source;

    CachedLayer(Descriptor descriptor, Source source) {
      this.descriptor = descriptor;
      this.source = source;
    }

    @Override
    public Descriptor descriptor() {
      return descriptor;
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(layerFile(descriptor, source));
    }

    @Override
    public String toString() {
      return source.repository() + "@" + descriptor.digest();
    }
  }

  /** A multi-platform base: the chosen platforms' manifests come from the cache or the registry. */
  private final class CachedIndex implements ImageIndex {
    private final RawManifest manifest;
    private final Source source;

    CachedIndex(RawManifest manifest, Source source) {
      this.manifest = manifest;
      this.source = source;
    }

    @Override
    public RawManifest rawManifest() {
      return manifest;
    }

    @Override
    public Image image(Digest digest) throws IOException {
      return BaseImageCache.this.image(child(digest), source);
    }

    @Override
    public ImageIndex index(Digest digest) throws IOException {
      return new CachedIndex(child(digest), source);
    }

    private RawManifest child(Digest digest) throws IOException {
      if (manifest().manifests().stream().noneMatch(d -> d.digest().equals(digest))) {
        throw new IllegalArgumentException(
            "the index " + manifest.digest() + " lists no manifest " + digest);
      }
      Optional<Bytes> cached = document(digest);
      if (cached.isPresent()) {
        return RawManifest.of(cached.get());
      }
      return fetchManifest(source.require(digest), source.repository(), digest);
    }

    @Override
    public String toString() {
      return source.repository() + "@" + manifest.digest();
    }
  }
}
