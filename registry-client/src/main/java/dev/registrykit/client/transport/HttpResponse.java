package dev.registrykit.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One HTTP response whose body streams from the connection. Not thread-safe; close it (or read the
 * body to its end and close that) to return the connection to the pool. Closing it before the
 * body's end discards the connection instead of reading the rest.
 */
public final class HttpResponse implements Closeable {
  /** How long {@link #readBody} may take when the transport does not say: one minute. */
  public static final Duration DEFAULT_SMALL_BODY_TIMEOUT = Duration.ofMinutes(1);

  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;
  private final Duration smallBodyTimeout;
  private final UnaryOperator<IOException> bodyFailures;

  private HttpResponse(
      URI uri,
      int status,
      HttpHeaders headers,
      InputStream body,
      Duration smallBodyTimeout,
      UnaryOperator<IOException> bodyFailures) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.smallBodyTimeout = Objects.requireNonNull(smallBodyTimeout, "smallBodyTimeout");
    this.bodyFailures = bodyFailures;
    if (smallBodyTimeout.isNegative() || smallBodyTimeout.isZero()) {
      throw new IllegalArgumentException("smallBodyTimeout must be positive");
    }
  }

  /**
   * Creates a response whose {@link #readBody} may take {@link #DEFAULT_SMALL_BODY_TIMEOUT}.
   *
   * @param uri the URI the request was sent to (to resolve relative {@code Location} headers)
   * @param status the HTTP status code
   * @param headers the response headers
   * @param body the body, streaming; closing the response closes it
   */
  public static HttpResponse of(URI uri, int status, HttpHeaders headers, InputStream body) {
    return of(uri, status, headers, body, DEFAULT_SMALL_BODY_TIMEOUT);
  }

  /**
   * Creates a response.
   *
   * @param uri the URI the request was sent to (to resolve relative {@code Location} headers)
   * @param status the HTTP status code
   * @param headers the response headers
   * @param body the body, streaming; closing the response closes it
   * @param smallBodyTimeout how long {@link #readBody} may take in total
   */
  public static HttpResponse of(
      URI uri, int status, HttpHeaders headers, InputStream body, Duration smallBodyTimeout) {
    return new HttpResponse(uri, status, headers, body, smallBodyTimeout, UnaryOperator.identity());
  }

  /**
   * This response, with every {@link IOException} that reading or closing its body throws — from
   * {@link #body()} or {@link #readBody}, its timeout included — replaced by what {@code mapping}
   * makes of it: how a client says which operation a body that failed after the headers belonged
   * to. Use the returned response only; mappings applied in turn apply in that order.
   */
  public HttpResponse mapBodyFailures(UnaryOperator<IOException> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    UnaryOperator<IOException> both = e -> mapping.apply(bodyFailures.apply(e));
    return new HttpResponse(
        uri, status, headers, new FailureMappingStream(body, mapping), smallBodyTimeout, both);
  }

  /** The URI the request was sent to. */
  public URI uri() {
    return uri;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The response headers. */
  public HttpHeaders headers() {
    return headers;
  }

  /** The body, read from the connection as the caller reads. */
  public InputStream body() {
    return body;
  }

  /**
   * Reads at most {@code limit} bytes of the body, for error bodies and small JSON documents
   * (manifests, tokens, tag pages): a hostile server cannot make the client buffer more, nor take
   * longer than the small-body timeout. When the time is up the response is closed (for a body not
   * read to its end that discards the connection) and a {@link SocketTimeoutException} says so.
   */
  public byte[] readBody(int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    int total = 0;
    long start = System.nanoTime();
    for (int n;
        total < limit
            && (n = body.read(buffer, 0, Math.min(buffer.length, limit - total))) != -1; ) {
      out.write(buffer, 0, n);
      total += n;
      if (System.nanoTime() - start > smallBodyTimeout.toNanos()) {
        close();
        throw bodyFailures.apply(
            new SocketTimeoutException(
                "the body of the "
                    + this
                    + " took longer than "
                    + seconds(smallBodyTimeout)
                    + " ("
                    + total
                    + " bytes had arrived): the registry stopped answering while sending the body"));
      }
    }
    return out.toByteArray();
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * Closes the body and releases the connection: back to the pool when the body was read to its
   * end, discarded otherwise (transports must not read on: the rest may be endless).
   */
  @Override
  public void close() throws IOException {
    body.close();
  }

  /** Status and URI without query. */
  @Override
  public String toString() {
    return status
        + " from "
        + uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + Objects.toString(uri.getRawPath(), "");
  }

  /** A body whose failures become what the mapping makes of them. */
  private static final class FailureMappingStream extends FilterInputStream {
    private final UnaryOperator<IOException> mapping;

    FailureMappingStream(InputStream in, UnaryOperator<IOException> mapping) {
      super(in);
      this.mapping = mapping;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw mapping.apply(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw mapping.apply(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (IOException e) {
        throw mapping.apply(e);
      }
    }

    @Override
    public int available() throws IOException {
      try {
        return in.available();
      } catch (IOException e) {
        throw mapping.apply(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        in.close();
      } catch (IOException e) {
        throw mapping.apply(e);
      }
    }
  }
}
