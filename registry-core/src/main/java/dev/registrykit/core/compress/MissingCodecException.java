package dev.registrykit.core.compress;

import java.io.IOException;

/**
 * A layer needs a compression codec that is not on the class path (zstd without {@code
 * com.github.luben:zstd-jni}, or a platform for which it has no native library). The message names
 * what to add; nothing was read or written past the point of the check.
 */
public final class MissingCodecException extends IOException {
  private static final long serialVersionUID = 1L;

  MissingCodecException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }
}
