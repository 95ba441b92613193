package dev.registrykit.core.build;

import dev.registrykit.core.compress.Zstd;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Compressing streams for a {@link LayerCompression}; closing one finishes its format's trailer.
 */
final class Compressors {
  static final int BUFFER = 64 * 1024;

  private Compressors() {}

  /** A stream compressing into {@code out}, or {@code out} itself for an uncompressed layer. */
  static OutputStream compressing(OutputStream out, LayerCompression compression)
      throws IOException {
    switch (compression.algorithm()) {
      case GZIP:
        return new LevelGzipOutputStream(out, compression.level());
      case ZSTD:
        return Zstd.compress(out, compression.level());
      default:
        return out;
    }
  }

  /** {@link GZIPOutputStream} at a chosen level: the protected deflater is set before any data. */
  private static final class LevelGzipOutputStream extends GZIPOutputStream {
    LevelGzipOutputStream(OutputStream out, int level) throws IOException {
      super(out, BUFFER);
      def.setLevel(level);
    }
  }
}
