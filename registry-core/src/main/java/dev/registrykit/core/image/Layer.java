package dev.registrykit.core.image;

import dev.registrykit.core.compress.Codecs;
import dev.registrykit.core.compress.Zstd;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer: a (usually compressed) tar archive of file system changes.
 *
 * <p>A layer has two digests: {@link #digest()} of the bytes as stored and pushed, which the
 * manifest lists, and {@link #diffId()} of the uncompressed tar, which the image config's {@code
 * rootfs.diff_ids} lists. The defaults here derive the uncompressed view from the media type (gzip,
 * zstd or none); implementations that already know the diff ID override {@link #diffId()}. zstd
 * needs the optional {@code com.github.luben:zstd-jni}; without it a zstd layer still moves byte
 * for byte ({@link #open()}, {@link #digest()}), and only the uncompressed view fails.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/config.md#layer-diffid">image-spec
 *     config.md, layer DiffID</a>
 */
public interface Layer extends Blob {
  /**
   * The digest of the uncompressed content. The default decompresses {@link #open()} and hashes it,
   * reading the whole layer; implementations should memoize or override it.
   *
   * @throws dev.registrykit.core.compress.MissingCodecException when the layer is zstd and zstd-jni
   *     is missing
   * @throws IOException when reading fails
   */
  default Digest diffId() throws IOException {
    MediaType type = mediaType();
    if (!type.isGzip() && !type.isZstd()) {
      return digest();
    }
    try (InputStream in = openUncompressed()) {
      return Digest.compute(DigestAlgorithm.SHA256, in).digest();
    }
  }

  /**
   * A new stream over the uncompressed tar; the caller closes it.
   *
   * @throws dev.registrykit.core.compress.MissingCodecException when the layer is zstd and zstd-jni
   *     is missing (checked before anything is opened)
   * @throws IOException when the content cannot be opened
   */
  default InputStream openUncompressed() throws IOException {
    MediaType type = mediaType();
    if (type.isZstd()) {
      Zstd.requireAvailable("decompress a zstd layer");
    }
    return Codecs.decompress(open(), type);
  }
}
