package dev.registrykit.core.compress;

import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/** The codec a layer media type names: where "gzip", "zstd" or "uncompressed" is decided once. */
public final class Codecs {
  private static final int GZIP_BUFFER = 64 * 1024;

  private Codecs() {}

  /**
   * A stream over the uncompressed content of {@code raw}, stored as {@code type} names (gzip,
   * zstd, or anything else as is); closing it closes {@code raw}.
   *
   * @throws MissingCodecException when the type is zstd and zstd-jni is missing; {@code raw} is
   *     then closed
   * @throws IOException when a gzip header cannot be read; {@code raw} is then closed
   */
  public static InputStream decompress(InputStream raw, MediaType type) throws IOException {
    Objects.requireNonNull(raw, "raw");
    if (type.isZstd()) {
      return Zstd.decompress(raw);
    }
    if (!type.isGzip()) {
      return raw;
    }
    try {
      return new GZIPInputStream(raw, GZIP_BUFFER);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
