package dev.registrykit.core.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Zstandard streams, when {@code com.github.luben:zstd-jni} is on the class path.
 *
 * <p>The codec is looked up once, on first use; {@link #isAvailable()} says whether it loaded (its
 * classes are present and its native library fits this platform). Decompression keeps libzstd's
 * default window limit (2<sup>27</sup> bytes), so a frame that asks for a larger window fails
 * instead of allocating it: memory stays bounded whatever a registry sends.
 *
 * <p>Thread-safe; the streams returned are not.
 */
public final class Zstd {
  /** The fastest compression level. */
  public static final int MIN_LEVEL = 1;

  /** The smallest-output compression level (slow, and memory-hungry to compress). */
  public static final int MAX_LEVEL = 22;

  /** zstd's own default, also {@code zstd}'s and containerd's. */
  public static final int DEFAULT_LEVEL = 3;

  static final String ARTIFACT = "com.github.luben:zstd-jni";

  private static final Object LOCK = new Object();
  private static @Nullable Availability availability;

  private Zstd() {}

  /** Whether zstd streams can be made here. */
  public static boolean isAvailable() {
    return availability().error == null;
  }

  /**
   * A stream decompressing {@code compressed}; closing it closes {@code compressed}. Several
   * concatenated frames read as one stream, as {@code zstd -d} reads them.
   *
   * @throws MissingCodecException when zstd is not available; {@code compressed} is then closed
   * @throws IOException when the stream cannot be set up
   */
  public static InputStream decompress(InputStream compressed) throws IOException {
    Objects.requireNonNull(compressed, "compressed");
    try {
      requireAvailable("decompress a zstd layer");
      return ZstdJni.decompress(compressed);
    } catch (IOException | RuntimeException e) {
      compressed.close();
      throw e;
    }
  }

  /**
   * A stream compressing into {@code out} at {@code level} with a content checksum, as {@code zstd
   * -LEVEL} writes; closing it finishes the frame and closes {@code out}.
   *
   * @throws IllegalArgumentException when the level is outside {@link #MIN_LEVEL}–{@link
   *     #MAX_LEVEL}
   * @throws MissingCodecException when zstd is not available
   */
  public static OutputStream compress(OutputStream out, int level) throws IOException {
    Objects.requireNonNull(out, "out");
    checkLevel(level);
    requireAvailable("compress a zstd layer");
    return ZstdJni.compress(out, level);
  }

  /**
   * Checks a compression level.
   *
   * @throws IllegalArgumentException when it is outside {@link #MIN_LEVEL}–{@link #MAX_LEVEL}
   */
  public static int checkLevel(int level) {
    if (level < MIN_LEVEL || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "zstd level must be between " + MIN_LEVEL + " and " + MAX_LEVEL + ": " + level);
    }
    return level;
  }

  /**
   * Fails unless zstd is available.
   *
   * @param purpose what needed the codec, for the message ("decompress a zstd layer")
   * @throws MissingCodecException naming the dependency to add
   */
  public static void requireAvailable(String purpose) throws MissingCodecException {
    Availability a = availability();
    if (a.error != null) {
      throw new MissingCodecException(
          "cannot "
              + purpose
              + ": zstd needs "
              + ARTIFACT
              + " on the class path (an optional dependency of registry-core; add it"
              + " to your build)"
              + (a.error instanceof ClassNotFoundException
                      || a.error instanceof NoClassDefFoundError
                  ? ""
                  : ", and its native library must load on this platform: " + a.error),
          a.error);
    }
  }

  private static Availability availability() {
    synchronized (LOCK) {
      if (availability == null) {
        availability = probe();
      }
      return availability;
    }
  }

  private static Availability probe() {
    try {
      // Resolve the classes first: without the jar this is where the lookup fails, before ZstdJni
      // is linked.
      Class.forName(
          "com.github.luben.zstd.ZstdInputStreamNoFinalizer", false, Zstd.class.getClassLoader());
      ZstdJni.loadNative();
      return new Availability(null);
    } catch (ClassNotFoundException | LinkageError e) {
      return new Availability(e);
    }
  }

  private static final class Availability {
    final @Nullable Throwable error;

    Availability(@Nullable Throwable error) {
      this.error = error;
    }
  }
}
