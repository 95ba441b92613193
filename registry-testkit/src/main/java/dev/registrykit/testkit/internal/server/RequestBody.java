package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A request's body as it arrives: read at most once, by the handler that needs it, so uploads
 * stream into storage instead of into a buffer. Counts what was read, for the journal. Not
 * thread-safe: one request, one thread.
 */
final class RequestBody {
  private final long declaredLength;
  private final InputStream in;
  private long read;

  /**
   * A body.
   *
   * @param declaredLength its {@code Content-Length}, or {@code -1} when chunked or absent
   * @param in the bytes
   */
  RequestBody(long declaredLength, InputStream in) {
    this.declaredLength = declaredLength;
    this.in = Objects.requireNonNull(in, "in");
  }

  static RequestBody empty() {
    return new RequestBody(0, InputStream.nullInputStream());
  }

  /** The {@code Content-Length} of the request, or {@code -1} when it has none. */
  long declaredLength() {
    return declaredLength;
  }

  /** The bytes read so far. */
  long bytesRead() {
    return read;
  }

  /** The body as a stream; what is read from it is counted. */
  InputStream stream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          read++;
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
          read += n;
        }
        return n;
      }
    };
  }

  /**
   * The whole body, for small bodies (manifests, token forms): refused with {@code 413} before
   * reading when its declared length is over {@code limit}, or as soon as more than {@code limit}
   * bytes arrived.
   *
   * @param limit the most bytes accepted
   * @param code the error code of the refusal
   * @param what what the body is, for the message
   * @return the bytes
   * @throws RegistryProblem {@code 413} when the body is larger than {@code limit}
   */
  byte[] readAll(int limit, ErrorCode code, String what) {
    if (declaredLength > limit) {
      throw tooLarge(limit, code, what);
    }
    try {
      byte[] bytes = stream().readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw tooLarge(limit, code, what);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RegistryProblem tooLarge(int limit, ErrorCode code, String what) {
    return RegistryProblem.of(413, code, what + " larger than " + limit + " bytes")
        .header("Connection", "close");
  }
}
