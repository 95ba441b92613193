package dev.registrykit.core.archive;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.tar.TarFileIndex;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A layer file inside a {@code docker save} archive. An uncompressed tar (the usual case) has its
 * diff ID as its digest; a gzip- or zstd-compressed one (containerd-backed Docker saves blobs as
 * stored) takes its digest from its {@code blobs/<alg>/<hex>} name, or is hashed once when the name
 * states none. Every {@link #open()} is verified. Immutable and thread-safe.
 */
final class ArchiveLayer implements Layer {
  private final TarFileIndex index;
  private final TarFileIndex.Entry entry;
  private final Descriptor descriptor;
  private final Digest diffId;

  private ArchiveLayer(
      TarFileIndex index, TarFileIndex.Entry entry, Descriptor descriptor, Digest diffId) {
    this.index = index;
    this.entry = entry;
    this.descriptor = descriptor;
    this.diffId = diffId;
  }

  static ArchiveLayer of(TarFileIndex index, TarFileIndex.Entry entry, String path, Digest diffId)
      throws IOException {
    long size = entry.header().size();
    MediaType compressed;
    try (InputStream in = index.open(entry)) {
      compressed = compressedType(in.readNBytes(4));
    }
    if (compressed == null) {
      return new ArchiveLayer(
          index, entry, Descriptor.of(MediaType.OCI_LAYER, diffId, size), diffId);
    }
    Optional<Digest> named = DockerArchive.digestInName(path);
    Digest digest;
    if (named.isPresent()) {
      digest = named.get();
    } else {
      try (InputStream in = index.open(entry)) {
        digest = Digest.compute(DigestAlgorithm.SHA256, in).digest();
      }
    }
    return new ArchiveLayer(index, entry, Descriptor.of(compressed, digest, size), diffId);
  }

  /**
   * The compressed layer type that {@code magic}, a file's first bytes, announces, or null for a
   * tar.
   */
  private static @Nullable MediaType compressedType(byte[] magic) {
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return MediaType.OCI_LAYER_GZIP;
    }
    // RFC 8878 section 3.1.1: a frame starts with the magic number 0xFD2FB528, little-endian.
    if (magic.length == 4
        && (magic[0] & 0xff) == 0x28
        && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f
        && (magic[3] & 0xff) == 0xfd) {
      return MediaType.OCI_LAYER_ZSTD;
    }
    return null;
  }

  /**
   * This layer described by {@code original} (e.g. the manifest Docker 25+ saved alongside), when
   * digest and size agree.
   */
  Optional<ArchiveLayer> describedBy(Descriptor original) {
    if (!original.digest().equals(descriptor.digest()) || original.size() != descriptor.size()) {
      return Optional.empty();
    }
    return Optional.of(new ArchiveLayer(index, entry, original, diffId));
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public InputStream open() throws IOException {
    return VerifyingInputStream.of(index.open(entry), descriptor.digest(), descriptor.size());
  }

  /**
   * The diff ID the config states; for an uncompressed layer it is also the digest that {@link
   * #open()} verifies.
   */
  @Override
  public Digest diffId() {
    return diffId;
  }
}
