package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A layer: a (usually compressed) tar archive of file system changes.
 *
 * <p>A layer has two digests: {@link #digest()} of the bytes as stored and pushed, which the
 * manifest lists, and {@link #diffId()} of the uncompressed tar, which the image config's {@code
 * rootfs.diff_ids} lists. The defaults here derive the uncompressed view from the media type
 * (gzip or none); implementations that already know the diff ID override {@link #diffId()}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md#layer-diffid">image-spec
 *     config.md, layer DiffID</a>
 */
public interface Layer extends Blob {
  /**
   * The digest of the uncompressed content. The default decompresses {@link #open()} and hashes it,
   * reading the whole layer; implementations should memoize or override it.
   *
   * @throws IOException when reading fails or the compression is not supported (zstd)
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
   * @throws IOException when the content cannot be opened or its compression is not supported
   *     (this library reads gzip and uncompressed layers; zstd needs a codec outside the JDK)
   */
  default InputStream openUncompressed() throws IOException {
    MediaType type = mediaType();
    if (type.isZstd()) {
      throw new IOException("zstd-compressed layers are not supported (no zstd codec in the JDK): " + type);
    }
    InputStream raw = open();
    if (!type.isGzip()) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, 64 * 1024);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }
}
