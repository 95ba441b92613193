package dev.registrykit.core.build;

import dev.registrykit.core.compress.Zstd;
import dev.registrykit.core.manifest.MediaType;
import java.util.Objects;

/**
 * How a layer's tar is compressed: gzip at a level from 1 (fastest) to 9 (smallest), zstd at a
 * level from 1 to 22, or not at all.
 *
 * <p>Immutable. Gzip output is deterministic for a given level and zlib: the JDK writes a fixed
 * 10-byte header (no file name, modification time 0, extra flags 0, OS 255 since JDK 16), verified
 * by {@code LayerBuilderTest}. The compressed bytes depend on the zlib the JDK links (Debian's
 * OpenJDK uses the system zlib): the diff ID is reproducible everywhere, the blob digest for one
 * zlib. zstd output is deterministic for a given level and zstd-jni version (single-threaded, with
 * a content checksum, as {@code zstd -LEVEL} writes); it needs the optional {@code
 * com.github.luben:zstd-jni}.
 *
 * @param algorithm none, gzip or zstd
 * @param level the level (0 for {@link Algorithm#NONE}, 1–9 for gzip, 1–22 for zstd)
 */
public record LayerCompression(Algorithm algorithm, int level) {
  /** No compression: the blob is the tar, so the blob digest equals the diff ID. */
  public static final LayerCompression NONE = new LayerCompression(Algorithm.NONE, 0);

  /** Gzip at zlib's default level 6, as {@code gzip} and {@code tar -z} use. */
  public static final LayerCompression GZIP = new LayerCompression(Algorithm.GZIP, 6);

  /** zstd at its default level 3, as {@code zstd} and containerd use. */
  public static final LayerCompression ZSTD =
      new LayerCompression(Algorithm.ZSTD, Zstd.DEFAULT_LEVEL);

  /** A compression algorithm for layers. */
  public enum Algorithm {
    /** An uncompressed tar. */
    NONE,
    /** gzip (RFC 1952), in the JDK. */
    GZIP,
    /** Zstandard (RFC 8878), through zstd-jni. */
    ZSTD
  }

  /** Validates the level for the algorithm. */
  public LayerCompression {
    Objects.requireNonNull(algorithm, "algorithm");
    switch (algorithm) {
      case NONE:
        if (level != 0) {
          throw new IllegalArgumentException("an uncompressed layer has level 0: " + level);
        }
        break;
      case GZIP:
        if (level < 1 || level > 9) {
          throw new IllegalArgumentException("gzip level must be between 1 and 9: " + level);
        }
        break;
      default:
        Zstd.checkLevel(level);
    }
  }

  /** Gzip at {@code level} (1–9). */
  public static LayerCompression gzip(int level) {
    return new LayerCompression(Algorithm.GZIP, level);
  }

  /** zstd at {@code level} (1–22); writing such a layer needs zstd-jni on the class path. */
  public static LayerCompression zstd(int level) {
    return new LayerCompression(Algorithm.ZSTD, level);
  }

  /** The compression a layer media type names: gzip, zstd or none (for a tar or any other type). */
  public static Algorithm algorithmOf(MediaType type) {
    return type.isGzip() ? Algorithm.GZIP : type.isZstd() ? Algorithm.ZSTD : Algorithm.NONE;
  }

  /** Whether the layer is gzip-compressed. */
  public boolean isGzip() {
    return algorithm == Algorithm.GZIP;
  }

  /** Whether the layer is zstd-compressed. */
  public boolean isZstd() {
    return algorithm == Algorithm.ZSTD;
  }

  /** The OCI layer media type for this compression. */
  public MediaType mediaType() {
    switch (algorithm) {
      case GZIP:
        return MediaType.OCI_LAYER_GZIP;
      case ZSTD:
        return MediaType.OCI_LAYER_ZSTD;
      default:
        return MediaType.OCI_LAYER;
    }
  }
}
