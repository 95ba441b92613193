package dev.registrykit.core.build;

import dev.registrykit.core.manifest.MediaType;

/**
 * How a layer's tar is compressed: gzip at a level from 1 (fastest) to 9 (smallest), or not at all.
 *
 * <p>Immutable. Gzip output is deterministic for a given level and zlib: the JDK writes a fixed
 * 10-byte header (no file name, modification time 0, extra flags 0, OS 255 since JDK 16), verified by
 * {@code LayerBuilderTest}. The compressed bytes depend on the zlib the JDK links (Debian's OpenJDK
 * uses the system zlib): the diff ID is reproducible everywhere, the blob digest for one zlib.
 *
 * @param level the deflate level 1–9, or 0 for an uncompressed tar
 */
public record LayerCompression(int level) {
  /** No compression: the blob is the tar, so the blob digest equals the diff ID. */
  public static final LayerCompression NONE = new LayerCompression(0);

  /** Gzip at zlib's default level 6, as {@code gzip} and {@code tar -z} use. */
  public static final LayerCompression GZIP = new LayerCompression(6);

  /** Validates the level. */
  public LayerCompression {
    if (level < 0 || level > 9) {
      throw new IllegalArgumentException("gzip level must be between 1 and 9 (or 0 for none): " + level);
    }
  }

  /** Gzip at {@code level} (1–9). */
  public static LayerCompression gzip(int level) {
    if (level < 1) {
      throw new IllegalArgumentException("gzip level must be between 1 and 9: " + level);
    }
    return new LayerCompression(level);
  }

  /** Whether the layer is gzip-compressed. */
  public boolean isGzip() {
    return level > 0;
  }

  /** The OCI layer media type for this compression. */
  public MediaType mediaType() {
    return isGzip() ? MediaType.OCI_LAYER_GZIP : MediaType.OCI_LAYER;
  }
}
