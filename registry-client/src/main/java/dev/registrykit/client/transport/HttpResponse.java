package dev.registrykit.client.transport;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;

/**
 * One HTTP response whose body streams from the connection. Not thread-safe; close it (or read
 * the body to its end and close that) to return the connection to the pool.
 */
public final class HttpResponse implements Closeable {
  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;

  private HttpResponse(URI uri, int status, HttpHeaders headers, InputStream body) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * Creates a response.
   *
   * @param uri the URI the request was sent to (to resolve relative {@code Location} headers)
   * @param status the HTTP status code
   * @param headers the response headers
   * @param body the body, streaming; closing the response closes it
   */
  public static HttpResponse of(URI uri, int status, HttpHeaders headers, InputStream body) {
    return new HttpResponse(uri, status, headers, body);
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
   * Reads at most {@code limit} bytes of the body, for error bodies and small JSON documents: a
   * hostile server cannot make the client buffer more.
   */
  public byte[] readBody(int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n; total < limit && (n = body.read(buffer, 0, Math.min(buffer.length, limit - total))) != -1; ) {
      out.write(buffer, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  /** Closes the body and releases the connection. */
  @Override
  public void close() throws IOException {
    body.close();
  }

  /** Status and URI without query. */
  @Override
  public String toString() {
    return status + " from " + uri.getScheme() + "://" + uri.getRawAuthority() + Objects.toString(uri.getRawPath(), "");
  }
}
