package dev.registrykit.core.image;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Factories for layers held in memory or in files (go-containerregistry's {@code static.NewLayer},
 * Jib's {@code Blobs.from}).
 *
 * <p>Every layer returned is immutable and thread-safe; digests and diff IDs are computed on first
 * use and memoized. File-backed layers stream the file for every computation and every {@link
 * Layer#open()}; they never load it into memory, and they assume the file does not change.
 */
public final class Layers {
  private Layers() {}

  /**
   * A layer whose stored (possibly compressed) content is {@code content}, of type {@code
   * mediaType}.
   */
  public static Layer of(Bytes content, MediaType mediaType) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mediaType, "mediaType");
    return new BytesLayer(content, Descriptor.of(mediaType, content));
  }

  /**
   * A layer whose stored content is the file {@code file}, of type {@code mediaType}; digested
   * lazily, by streaming, on first use.
   */
  public static Layer of(Path file, MediaType mediaType) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mediaType, "mediaType");
    return new PathLayer(file, mediaType);
  }

  /**
   * A gzip layer ({@link MediaType#OCI_LAYER_GZIP}) made by compressing {@code tar} in memory; the
   * diff ID is the digest of {@code tar}. The gzip header carries no time stamp or name, so equal
   * input gives equal bytes.
   */
  public static Layer gzip(Bytes tar) {
    return gzip(tar, MediaType.OCI_LAYER_GZIP);
  }

  /**
   * Like {@link #gzip(Bytes)} with a chosen gzip media type, e.g. {@link
   * MediaType#DOCKER_LAYER_GZIP}.
   */
  public static Layer gzip(Bytes tar, MediaType gzipMediaType) {
    if (!gzipMediaType.isGzip()) {
      throw new IllegalArgumentException("not a gzip media type: " + gzipMediaType);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, tar.size() / 2));
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      tar.writeTo(gz);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory gzip failed", e);
    }
    Bytes compressed = Bytes.of(out.toByteArray());
    return new BytesLayer(compressed, Descriptor.of(gzipMediaType, compressed), tar.sha256());
  }

  private static final class BytesLayer implements Layer {
    private final Bytes content;
    private final Descriptor descriptor;
    private final IoLazy<Digest> diffId;

    BytesLayer(Bytes content, Descriptor descriptor) {
      this.content = content;
      this.descriptor = descriptor;
      this.diffId = IoLazy.of(Layer.super::diffId);
    }

    BytesLayer(Bytes content, Descriptor descriptor, Digest knownDiffId) {
      this.content = content;
      this.descriptor = descriptor;
      this.diffId = IoLazy.of(() -> knownDiffId);
    }

    @Override
    public Descriptor descriptor() {
      return descriptor;
    }

    @Override
    public InputStream open() {
      return content.openStream();
    }

    @Override
    public Digest diffId() throws IOException {
      return diffId.get();
    }

    @Override
    public String toString() {
      return "Layer["
          + descriptor.mediaType()
          + ", "
          + descriptor.digest()
          + ", "
          + descriptor.size()
          + " bytes]";
    }
  }

  private static final class PathLayer implements Layer {
    private final Path file;
    private final MediaType mediaType;
    private final IoLazy<Descriptor> descriptor;
    private final IoLazy<Digest> diffId;

    PathLayer(Path file, MediaType mediaType) {
      this.file = file;
      this.mediaType = mediaType;
      this.descriptor =
          IoLazy.of(
              () -> {
                try (InputStream in = Files.newInputStream(file)) {
                  SizedDigest sd = Digest.compute(DigestAlgorithm.SHA256, in);
                  return Descriptor.of(mediaType, sd.digest(), sd.size());
                }
              });
      this.diffId = IoLazy.of(Layer.super::diffId);
    }

    @Override
    public Descriptor descriptor() throws IOException {
      return descriptor.get();
    }

    @Override
    public MediaType mediaType() {
      return mediaType;
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public Digest diffId() throws IOException {
      return diffId.get();
    }

    @Override
    public String toString() {
      return "Layer[" + mediaType + ", file " + file + "]";
    }
  }
}
