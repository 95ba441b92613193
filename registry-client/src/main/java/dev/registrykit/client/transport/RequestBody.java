package dev.registrykit.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The content of a request: written to the connection by the transport, possibly more than once
 * when the client retries and the body {@link #isRepeatable() is repeatable}.
 */
public interface RequestBody {
  /** The media type sent as {@code Content-Type}. */
  String contentType();

  /** The length in bytes, or -1 when unknown (the transport then uses chunked encoding). */
  long contentLength();

  /**
   * Writes the content to {@code out}. Must not close {@code out}.
   *
   * @throws IOException when reading the source or writing to {@code out} fails
   */
  void writeTo(OutputStream out) throws IOException;

  /** Whether {@link #writeTo} may be called again to resend the same bytes after a failure. */
  boolean isRepeatable();

  /** A repeatable body holding a copy of {@code content}. */
  static RequestBody ofBytes(byte[] content, String contentType) {
    byte[] copy = Arrays.copyOf(content, content.length);
    Objects.requireNonNull(contentType, "contentType");
    return new RequestBody() {
      @Override
      public String contentType() {
        return contentType;
      }

      @Override
      public long contentLength() {
        return copy.length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(copy);
      }

      @Override
      public boolean isRepeatable() {
        return true;
      }
    };
  }

  /** A repeatable body that streams {@code length} bytes of {@code file} from {@code offset}. */
  static RequestBody ofFile(Path file, long offset, long length, String contentType) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(contentType, "contentType");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    return new RequestBody() {
      @Override
      public String contentType() {
        return contentType;
      }

      @Override
      public long contentLength() {
        return length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
          in.skipNBytes(offset);
          byte[] buffer = new byte[64 * 1024];
          long remaining = length;
          while (remaining > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
              throw new IOException(file + " ended " + remaining + " bytes early");
            }
            out.write(buffer, 0, n);
            remaining -= n;
          }
        }
      }

      @Override
      public boolean isRepeatable() {
        return true;
      }
    };
  }
}
