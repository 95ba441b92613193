package dev.registrykit.client.internal.blob;

import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * A repeatable request body streaming {@code length} bytes of a blob from {@code offset}, reporting
 * progress as it writes. The blob is never held in memory: one buffer is reused.
 */
final class ContentBody implements RequestBody {
  static final String OCTET_STREAM = "application/octet-stream";
  private static final int BUFFER = 256 * 1024;

  private final Opener content;
  private final long offset;
  private final long length;
  private final Digest digest;
  private final long total;
  private final Progress progress;

  ContentBody(
      Opener content, long offset, long length, Digest digest, long total, Progress progress) {
    this.content = content;
    this.offset = offset;
    this.length = length;
    this.digest = digest;
    this.total = total;
    this.progress = progress;
  }

  @Override
  public String contentType() {
    return OCTET_STREAM;
  }

  @Override
  public long contentLength() {
    return length;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try (InputStream in = content.open(offset)) {
      byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
      long remaining = length;
      long done = offset;
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) {
          // The content is provably wrong: not a failure worth resending (BlobUploader gives up on
          // it).
          throw new DigestMismatchException(digest, Optional.empty(), total, done);
        }
        out.write(buffer, 0, n);
        remaining -= n;
        done += n;
        progress.bytesSoFar(done);
      }
    }
  }

  @Override
  public boolean isRepeatable() {
    return true;
  }
}
