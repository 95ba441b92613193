package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.testkit.internal.storage.BlobContent;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32C;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The request side of a plain-HTTP connection, between the socket and mockwebserver: it follows
 * HTTP/1.1 framing as mockwebserver reads it, digests request bodies while they arrive, and receives
 * large upload bodies itself.
 *
 * <p>Why: mockwebserver hands a request to the dispatcher only after it has buffered the whole body
 * in 8 KiB okio segments. That costs a registry twice on a large upload: the digest that must be
 * checked before the completing request is answered can only start after the last byte, and the
 * garbage collector copies every received segment out of the young generation while the upload is
 * still arriving (with G1, ~0.5 s of pauses per 512 MiB, each one stalling the connection).
 * Distribution hashes as it receives and writes to a file. So, per connection:
 *
 * <ul>
 *   <li><b>Digest while arriving.</b> Every upload body mockwebserver reads passes through the
 *       framing reader, which computes its SHA-256 and CRC-32C. {@link StreamedBody#describes} accepts the
 *       digest only for the request dispatched on the same thread, with the same exchange index on
 *       its connection, the same size and the same CRC-32C over the bytes mockwebserver delivered
 *       (a pass ~20× cheaper than SHA-256); anything else falls back to hashing the buffered body.
 *   <li><b>Receive large uploads.</b> When the head of a {@code PATCH}, {@code PUT} or {@code POST}
 *       to {@code /v2/…/blobs/uploads/} announces a chunked body or one of at least {@value
 *       #RECEIVE_MIN} bytes, the reader hands mockwebserver the head only and {@link #offersBody}
 *       says so; the dispatcher's {@code peek()} then answers with {@code doNotReadRequestBody}, so
 *       mockwebserver dispatches the request without its body, and {@link #receive} reads the body
 *       on the dispatching thread into arrays of a few G1 heap regions (humongous objects, which
 *       the collector never copies), digesting it on the way. The body is read completely
 *       before the request is served, as mockwebserver would have read it. If mockwebserver reads
 *       the body after all, the offer is withdrawn and the body is only digested.
 * </ul>
 *
 * <p>Anything the framing reader does not understand stops it for the rest of that connection, which
 * then behaves as plain mockwebserver. HTTPS connections are not tapped.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9112#section-6">RFC 9112 §6: message body
 *     framing</a>
 */
final class BodyTap {
  /** Smaller fixed-length upload bodies are left to mockwebserver: they cost the collector little. */
  static final int RECEIVE_MIN = 256 * 1024;

  /** The tap whose connection the current thread read from last: mockwebserver dispatches there. */
  private static final ThreadLocal<Tap> CURRENT = new ThreadLocal<>();

  private BodyTap() {}

  /**
   * Wraps a plain-HTTP connection's input. A connection whose first byte is a TLS handshake record
   * ({@code 0x16}; no HTTP method starts with it) is a client trying HTTPS: {@code tlsHandshake}
   * runs and the stream ends.
   *
   * @param in the connection's input, read by one mockwebserver thread
   * @param tlsHandshake what to do with a TLS handshake, e.g. answer it and close the connection
   * @return the tapped stream
   * @see <a href="https://www.rfc-editor.org/rfc/rfc8446#section-5.1">RFC 8446 §5.1: record layer,
   *     content type 22</a>
   */
  static InputStream tap(InputStream in, Runnable tlsHandshake) {
    return new Tap(in, tlsHandshake);
  }

  /**
   * Whether the request whose head this thread's connection has just read has a body that {@link
   * #receive} will read, so mockwebserver must not. Asked from {@code Dispatcher.peek()}, which
   * mockwebserver calls on the connection's thread after each request head.
   *
   * @return {@code true} when mockwebserver should not read the body
   */
  static boolean offersBody() {
    Tap tap = CURRENT.get();
    return tap != null && tap.state == State.OFFERED;
  }

  /**
   * What this thread's connection has for the request being dispatched: the body itself when the tap
   * receives it, its streamed digest, or nothing. Call once per request, on the thread
   * mockwebserver dispatches it on; the thread's state is cleared.
   *
   * @param exchangeIndex the request's index on its connection ({@code
   *     RecordedRequest.getExchangeIndex()})
   * @return what is known of the body
   * @throws IOException if receiving an offered body fails (the client went away)
   * @throws OutOfMemoryError if the heap cannot hold the body; what was received is garbage again
   */
  static Received receive(int exchangeIndex) throws IOException {
    Tap tap = CURRENT.get();
    if (tap == null) {
      return Received.NOTHING;
    }
    CURRENT.remove();
    return tap.receive(exchangeIndex);
  }

  /**
   * What the tap has for one request.
   *
   * @param body the body, when the tap received it (mockwebserver's is then empty)
   * @param sha256 the SHA-256 digest of {@code body}, when the tap received it
   * @param streamed the digest of the body mockwebserver buffered, still to be checked
   */
  record Received(Optional<BlobContent> body, Optional<Digest> sha256, Optional<StreamedBody> streamed) {
    static final Received NOTHING = new Received(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * What the framing reader saw of one request body that mockwebserver buffered.
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

  private enum State {
    REQUEST_LINE,
    HEADERS,
    /** A head ended whose body the tap offered to receive; nothing after it is handed on. */
    OFFERED,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    LAST_CHUNK_END,
    STOPPED
  }

  /**
   * The framing reader of one connection. Confined to the connection's mockwebserver thread, which
   * both reads the socket and dispatches the requests read from it.
   */
  private static final class Tap extends FilterInputStream {
    /** Longer header lines stop the reader; mockwebserver would accept them, nothing real sends them. */
    private static final int MAX_LINE = 64 * 1024;
    /** okio asks for one 8 KiB segment per read; the socket is read this much at a time instead. */
    private static final int READ_BUFFER = 256 * 1024;

    private static final int TLS_HANDSHAKE_RECORD = 0x16;

    private final Runnable tlsHandshake;
    private boolean firstRead = true;
    private final byte[] buffer = new byte[READ_BUFFER];
    private int position;
    private int limit;

    private State state = State.REQUEST_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private int exchange = -1;
    private String method = "";
    private String target = "";
    private long contentLength;
    private boolean chunked;
    /** Whether the current body is an upload's, whose digest a handler will ask for. */
    private boolean digesting;
    /** Bytes left in the fixed-length body or the current chunk. */
    private long remaining;

    private long bodySize;
    private final CRC32C crc = new CRC32C();
    private final MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
    private @Nullable StreamedBody latest;
    /** Where the body goes while the tap receives it itself; otherwise {@code null}. */
    private @Nullable Parts receiving;
    private @Nullable Digest received;

    Tap(InputStream in, Runnable tlsHandshake) {
      super(in);
      this.tlsHandshake = tlsHandshake;
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
      if (len == 0) {
        return 0;
      }
      if (state == State.OFFERED) {
        // mockwebserver reads the body after all: only digest it.
        startBody();
      }
      if (position == limit && !fill()) {
        return -1;
      }
      int n = consume(buffer, position, Math.min(len, limit - position));
      System.arraycopy(buffer, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public int available() throws IOException {
      // An offered body is not mockwebserver's to read.
      return state == State.OFFERED ? 0 : limit - position + in.available();
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped bytes are not seen; nothing after them can be framed with certainty.
      state = State.STOPPED;
      long fromBuffer = Math.min(n, limit - position);
      position += (int) fromBuffer;
      return fromBuffer < n ? fromBuffer + in.skip(n - fromBuffer) : fromBuffer;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return false;
      }
      if (firstRead) {
        firstRead = false;
        if (buffer[0] == TLS_HANDSHAKE_RECORD) {
          state = State.STOPPED;
          tlsHandshake.run();
          return false;
        }
      }
      position = 0;
      limit = n;
      return true;
    }

    Received receive(int exchangeIndex) throws IOException {
      if (state == State.OFFERED && exchange == exchangeIndex) {
        return new Received(Optional.of(receiveBody()), Optional.ofNullable(received), Optional.empty());
      }
      StreamedBody body = latest;
      if (body == null || body.exchange() != exchangeIndex) {
        return Received.NOTHING;
      }
      latest = null;
      return new Received(Optional.empty(), Optional.empty(), Optional.of(body));
    }

    /** Reads the offered body up to its last byte, and no further: what follows is mockwebserver's. */
    private BlobContent receiveBody() throws IOException {
      Parts parts = new Parts(chunked ? 0 : contentLength);
      receiving = parts;
      received = null;
      try {
        startBody();
        while (state != State.REQUEST_LINE) {
          if (state == State.STOPPED) {
            throw new IOException("malformed request body framing");
          }
          if (position < limit) {
            position += consume(buffer, position, limit - position);
          } else if (state == State.BODY || state == State.CHUNK_DATA) {
            // Straight from the socket into the part being filled: one copy less.
            int n = parts.readFrom(in, (int) Math.min(remaining, Integer.MAX_VALUE));
            if (n < 0) {
              throw new EOFException("the client closed the connection in a request body");
            }
            bodyBytes(parts.lastRead(), parts.lastReadOffset(), n, false);
          } else if (!fill()) {
            throw new EOFException("the client closed the connection in a request body");
          }
        }
        return parts.content();
      } catch (IOException | RuntimeException | OutOfMemoryError e) {
        state = State.STOPPED; // the rest of the body is unread: nothing after it can be framed
        throw e;
      } finally {
        receiving = null;
      }
    }

    /**
     * Frames up to {@code n} bytes of {@code b} from {@code off}; returns how many it took, which is
     * fewer when a head whose body the tap offers to receive ends, or a received body ends.
     */
    private int consume(byte[] b, int off, int n) {
      int at = off;
      int end = off + n;
      while (at < end && state != State.STOPPED && state != State.OFFERED) {
        if (state == State.BODY || state == State.CHUNK_DATA) {
          int take = (int) Math.min(remaining, end - at);
          bodyBytes(b, at, take, true);
          at += take;
          if (receiving != null && state == State.REQUEST_LINE) {
            break;
          }
        } else {
          byte c = b[at++];
          if (c == '\n') {
            lineEnded();
            if (receiving != null && state == State.REQUEST_LINE) {
              break;
            }
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
      // A stopped reader hands everything on unframed.
      return state == State.STOPPED ? n : at - off;
    }

    /** Body bytes arrived; {@code copy} when they still have to go to a body being received. */
    private void bodyBytes(byte[] b, int off, int n, boolean copy) {
      Parts parts = receiving;
      if (parts != null) {
        sha256.update(b, off, n);
        if (copy) {
          parts.write(b, off, n);
        }
      } else if (digesting) {
        sha256.update(b, off, n);
        crc.update(b, off, n);
      }
      bodySize += n;
      remaining -= n;
      if (remaining == 0) {
        if (state == State.BODY) {
          finishBody();
        } else {
          state = State.CHUNK_END;
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
          requestLine(text);
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

    private void requestLine(String text) {
      exchange++;
      int firstSpace = text.indexOf(' ');
      int secondSpace = firstSpace < 0 ? -1 : text.indexOf(' ', firstSpace + 1);
      method = firstSpace < 0 ? text : text.substring(0, firstSpace);
      target = secondSpace < 0 ? "" : text.substring(firstSpace + 1, secondSpace);
      contentLength = -1;
      chunked = false;
      state = State.HEADERS;
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
      // Only upload bodies are digested: no other handler asks for a body's digest.
      boolean upload = (method.equals("PATCH") || method.equals("PUT") || method.equals("POST")) && target.contains("/blobs/uploads/");
      digesting = upload;
      if (contentLength >= 0 && chunked || contentLength < -1) {
        state = State.STOPPED; // ambiguous framing: leave it to mockwebserver alone
      } else if (contentLength <= 0 && !chunked) {
        state = State.REQUEST_LINE;
      } else if (upload && (chunked || contentLength >= RECEIVE_MIN)) {
        state = State.OFFERED;
      } else {
        startBody();
      }
    }

    private void startBody() {
      sha256.reset();
      crc.reset();
      bodySize = 0;
      remaining = chunked ? 0 : contentLength;
      state = chunked ? State.CHUNK_SIZE : State.BODY;
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

    private void finishBody() {
      if (receiving != null) {
        received = Digest.fromHash(DigestAlgorithm.SHA256, sha256.digest());
      } else if (digesting) {
        latest = new StreamedBody(exchange, bodySize, crc.getValue(), Digest.fromHash(DigestAlgorithm.SHA256, sha256.digest()));
      }
      state = State.REQUEST_LINE;
    }
  }

  /**
   * A received body as a list of byte strings of a few G1 heap regions each. An array of at least
   * half a region is a humongous object: allocated in regions of its own and never copied by the
   * collector, where 8 KiB segments would be copied out of the young generation, and the connection
   * stalled, while the upload is still arriving. Just under a whole number of regions, so no region
   * is left mostly empty. Bodies smaller than a part start in a small array that grows.
   */
  private static final class Parts {
    /**
     * Regions per part. Each humongous allocation past G1's occupancy threshold starts a concurrent
     * mark cycle; at one region per part that meant ~500 cycles per 512 MiB (more collector CPU than
     * the copying it saves), at 16 about 30, each with pauses of 1–6 ms (measured, -Xmx1g).
     */
    private static final int PART_REGIONS = 16;

    private static final int PART = partSize();

    private byte[] part;
    private int filled;
    private int lastReadOffset;
    private BlobContent content = BlobContent.empty();

    Parts(long expectedSize) {
      part = new byte[(int) Math.min(PART, expectedSize > 0 ? expectedSize : 64 * 1024)];
    }

    void write(byte[] b, int off, int n) {
      while (n > 0) {
        int take = Math.min(n, room());
        System.arraycopy(b, off, part, filled, take);
        filled += take;
        off += take;
        n -= take;
      }
    }

    /** Reads up to {@code max} bytes from {@code in} into the part; see {@link #lastRead()}. */
    int readFrom(InputStream in, int max) throws IOException {
      int room = room();
      lastReadOffset = filled;
      int n = in.read(part, filled, Math.min(room, max));
      if (n > 0) {
        filled += n;
      }
      return n;
    }

    byte[] lastRead() {
      return part;
    }

    int lastReadOffset() {
      return lastReadOffset;
    }

    /** Room in the current part, making some: a full part is stored, a small one grows first. */
    private int room() {
      if (filled == part.length) {
        if (part.length < PART) {
          part = Arrays.copyOf(part, (int) Math.min(PART, part.length * 2L));
        } else {
          flush();
        }
      }
      return part.length - filled;
    }

    private void flush() {
      if (filled > 0) {
        content = content.concat(BlobContent.of(ByteString.of(part, 0, filled)));
        filled = 0;
      }
    }

    BlobContent content() {
      flush();
      return content;
    }

    private static int partSize() {
      long region = 0;
      try {
        com.sun.management.HotSpotDiagnosticMXBean hotSpot =
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        if (Boolean.parseBoolean(hotSpot.getVMOption("UseG1GC").getValue())) {
          region = Long.parseLong(hotSpot.getVMOption("G1HeapRegionSize").getValue());
        }
      } catch (RuntimeException | LinkageError e) {
        // Not HotSpot, or no management: the size only matters for G1's copying.
      }
      long size = region >= 1024 * 1024 ? PART_REGIONS * region - 64 : 1024 * 1024;
      return (int) Math.min(size, 64L * 1024 * 1024);
    }
  }
}
