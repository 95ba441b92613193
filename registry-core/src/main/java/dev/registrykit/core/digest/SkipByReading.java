package dev.registrykit.core.digest;

import java.io.IOException;
import java.io.InputStream;

/** The {@code skip} of streams that hash what passes: skipped bytes must be hashed too. */
final class SkipByReading {
  private SkipByReading() {}

  /**
   * Skips up to {@code n} bytes by reading them through {@code stream}'s own {@code read}, so its
   * hashing (and checks) see them.
   *
   * @return the number of bytes skipped; fewer than {@code n} only at end of stream
   */
  static long skip(InputStream stream, long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = stream.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }
}
