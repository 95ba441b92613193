package dev.registrykit.testkit.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.testkit.storage.BlobContent;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 digests of request bodies, computed while the bytes arrive on a plain-HTTP connection.
 *
 * <p>Why: mockwebserver hands a request to the dispatcher only after it has buffered the whole
 * body, and has no hook to read a body as it streams. A registry must check an upload's digest
 * before it answers the request that completes the upload, so hashing a 512 MiB {@code PATCH}
 * (skopeo and Docker stream a whole layer that way) after its last byte made the fake ~0.5 s slower
 * than Distribution, which hashes while it receives. {@link PlainHttpSockets} therefore passes the
 * bytes it delivers to mockwebserver through {@link #tap}: a small HTTP/1.1 framing reader that
 * follows request lines, headers, {@code Content-Length} and chunked bodies exactly as mockwebserver
 * reads them, and hashes each body on the connection's thread as mockwebserver buffers it.
 *
 * <p>The result is only a shortcut, never trusted blindly: {@link StreamedBody#describes} accepts
 * it for the request dispatched on the same thread with the same exchange index on its connection,
 * the same size, and the same CRC-32C over the bytes mockwebserver delivered (a pass ~20× cheaper
 * than SHA-256). Anything the framing reader does not understand stops it for the rest of that
 * connection, and whatever it could have got wrong fails those checks; both fall back to hashing
 * the buffered body. So a wrong digest is still always caught. HTTPS connections are not tapped.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-6">RFC 9112 §6: message body
 *     framing</a>
 */
final class StreamingBodyDigests {
  /** The tap whose connection the current thread read from last: mockwebserver dispatches there. */
  private static final ThreadLocal<Tap> CURRENT = new ThreadLocal<>();

  private StreamingBodyDigests() {}

  /**
   * Wraps a plain-HTTP connection's input so that request bodies are digested as they are read.
   *
   * @param in the connection's input, read by one mockwebserver thread
   * @return the tapped stream
   */
  static InputStream tap(InputStream in) {
    return new Tap(in);
  }

  /**
   * The body digest the dispatching thread computed for the request it is dispatching, if any; the
   * thread's state is cleared either way. Call once per request, on the thread mockwebserver
   * dispatches it on.
   *
   * @param exchangeIndex the request's index on its connection ({@code
   *     RecordedRequest.getExchangeIndex()})
   * @return the streamed digest, still to be checked with {@link StreamedBody#describes}
   */
  static Optional<StreamedBody> take(int exchangeIndex) {
    Tap tap = CURRENT.get();
    if (tap == null) {
      return Optional.empty();
    }
    CURRENT.remove();
    return tap.take(exchangeIndex);
  }

  /**
   * What the framing reader saw of one request body.
   *
   * @param exchange the request's index on its connection, from 0
   * @param size the body's size
   * @param crc32c the CRC-32C of the body
   * @param sha256 the SHA-256 digest of the body
   */
  record StreamedBody(int exchange, long size, long crc32c, Digest sha256) {
    /**
     * Whether this describes {@code body}: same size and same CRC-32C (one cheap pass over it).
     *
     * @param body the body mockwebserver buffered
     * @return {@code true} when {@link #sha256} is the digest of {@code body}
     */
    boolean describes(BlobContent body) {
      return body.size() == size && crc32c(body) == crc32c;
    }

    private static long crc32c(BlobContent body) {
      CRC32C crc = new CRC32C();
      try {
        body.writeTo(
            new OutputStream() {
              @Override
              public void write(int b) {
                crc.update(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                crc.update(b, off, len);
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException("reading memory cannot fail", e);
      }
      return crc.getValue();
    }
  }

  /**
   * The framing reader of one connection. Confined to the connection's mockwebserver thread, which
   * both reads the socket and dispatches the requests read from it.
   */
  private static final class Tap extends FilterInputStream {
    /** Longer header lines stop the reader; mockwebserver would accept them, nothing real sends them. */
    private static final int MAX_LINE = 64 * 1024;

    private enum State {
      REQUEST_LINE,
      HEADERS,
      BODY,
      CHUNK_SIZE,
      CHUNK_DATA,
      CHUNK_END,
      LAST_CHUNK_END,
      STOPPED
    }

    private State state = State.REQUEST_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private int exchange = -1;
    private long contentLength;
    private boolean chunked;
    /** Bytes left in the fixed-length body or the current chunk. */
    private long remaining;

    private long bodySize;
    private final CRC32C crc = new CRC32C();
    private MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
    private @Nullable StreamedBody latest;

    Tap(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      CURRENT.set(this);
      int n = in.read(b, off, len);
      if (n > 0) {
        consume(b, off, n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes are not seen; nothing after them can be framed with certainty.
      state = State.STOPPED;
      return in.skip(n);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    Optional<StreamedBody> take(int exchangeIndex) {
      StreamedBody body = latest;
      if (body == null || body.exchange() != exchangeIndex) {
        return Optional.empty();
      }
      latest = null;
      return Optional.of(body);
    }

    private void consume(byte[] b, int off, int n) {
      int at = off;
      int end = off + n;
      while (at < end && state != State.STOPPED) {
        if (state == State.BODY || state == State.CHUNK_DATA) {
          int take = (int) Math.min(remaining, end - at);
          sha256.update(b, at, take);
          crc.update(b, at, take);
          bodySize += take;
          remaining -= take;
          at += take;
          if (remaining == 0) {
            if (state == State.BODY) {
              finishBody();
            } else {
              state = State.CHUNK_END;
            }
          }
        } else {
          byte c = b[at++];
          if (c == '\n') {
            lineEnded();
          } else if (lineLength == MAX_LINE) {
            state = State.STOPPED;
          } else {
            if (lineLength == line.length) {
              line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[lineLength++] = c;
          }
        }
      }
    }

    /** A line ended at {@code \n}; like mockwebserver's {@code readUtf8LineStrict}, a {@code \r} before it is dropped. */
    private void lineEnded() {
      int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
      String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
      lineLength = 0;
      switch (state) {
        case REQUEST_LINE:
          if (text.isEmpty()) {
            state = State.STOPPED; // mockwebserver fails the connection on an empty request line
            return;
          }
          exchange++;
          contentLength = -1;
          chunked = false;
          state = State.HEADERS;
          return;
        case HEADERS:
          if (text.isEmpty()) {
            headersEnded();
          } else {
            header(text.toLowerCase(Locale.ROOT));
          }
          return;
        case CHUNK_SIZE:
          chunkSize(text.trim());
          return;
        case CHUNK_END:
          state = text.isEmpty() ? State.CHUNK_SIZE : State.STOPPED;
          return;
        case LAST_CHUNK_END:
          // mockwebserver reads no trailers: the line after the last chunk must be empty.
          if (text.isEmpty()) {
            finishBody();
          } else {
            state = State.STOPPED;
          }
          return;
        default:
          throw new IllegalStateException("not a line state: " + state);
      }
    }

    private void header(String lowerCase) {
      if (lowerCase.startsWith("content-length:")) {
        try {
          contentLength = Long.parseLong(lowerCase.substring("content-length:".length()).trim());
        } catch (NumberFormatException e) {
          state = State.STOPPED;
        }
      } else if (lowerCase.startsWith("transfer-encoding:")) {
        chunked = lowerCase.substring("transfer-encoding:".length()).trim().equals("chunked");
      }
    }

    private void headersEnded() {
      if (contentLength >= 0 && chunked || contentLength < -1) {
        state = State.STOPPED; // ambiguous framing: leave it to mockwebserver alone
      } else if (contentLength > 0) {
        startBody(State.BODY, contentLength);
      } else if (chunked) {
        startBody(State.CHUNK_SIZE, 0);
      } else {
        state = State.REQUEST_LINE;
      }
    }

    private void chunkSize(String hex) {
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        state = State.STOPPED; // chunk extensions, too: mockwebserver does not parse them either
        return;
      }
      if (size < 0) {
        state = State.STOPPED;
      } else if (size == 0) {
        state = State.LAST_CHUNK_END;
      } else {
        remaining = size;
        state = State.CHUNK_DATA;
      }
    }

    private void startBody(State first, long length) {
      sha256.reset();
      crc.reset();
      bodySize = 0;
      remaining = length;
      state = first;
    }

    private void finishBody() {
      latest = new StreamedBody(exchange, bodySize, crc.getValue(), Digest.fromHash(DigestAlgorithm.SHA256, sha256.digest()));
      state = State.REQUEST_LINE;
    }
  }
}
