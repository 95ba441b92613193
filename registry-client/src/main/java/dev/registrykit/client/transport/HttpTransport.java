package dev.registrykit.client.transport;

import java.io.Closeable;
import java.io.IOException;

/**
 * Sends HTTP requests: the seam between the registry client and an HTTP library.
 *
 * <p>Contract for implementations:
 *
 * <ul>
 *   <li>Thread-safe: one transport serves every request of a client concurrently.
 *   <li>Redirects are NOT followed: a 3xx response is returned as it is.
 *   <li>No retries and no authentication: the client does both.
 *   <li>The response body streams: {@link HttpResponse#body()} is read lazily from the connection,
 *       so a multi-gigabyte blob never sits in memory. The caller closes the response.
 *   <li>Connectivity problems are {@link IOException}s (including TLS failures as {@code
 *       javax.net.ssl.SSLException}); a peer that stops answering is a {@link
 *       java.net.SocketTimeoutException} whose message says where it stopped (connecting, the TLS
 *       handshake, the response headers, the body).
 *   <li>Closing a response whose body was not read to its end discards the connection at once; it
 *       never reads the rest (a rejected body may be endless).
 * </ul>
 */
public interface HttpTransport extends Closeable {
  /**
   * Sends {@code request} and returns the response once its status line and headers have arrived.
   *
   * @throws IOException when the exchange fails before a response arrives
   */
  HttpResponse send(HttpRequest request) throws IOException;

  /**
   * Sends {@code request} to a registry the caller allowed to be insecure ({@code
   * RegistryClient.Builder.insecureRegistries}): over HTTPS, the server's certificate chain and
   * host name are not verified (a self-signed or unknown CA, as Docker's {@code
   * insecure-registries}). The client calls it for those registries' own host and port only; every
   * other host goes through {@link #send}.
   *
   * <p>An implementation must never let a connection set up without verification carry a request
   * sent through {@link #send}. The default verifies as {@link #send} does: a transport that cannot
   * skip verification fails such a registry's handshake with the usual TLS error.
   *
   * @throws IOException when the exchange fails before a response arrives
   */
  default HttpResponse sendUnverified(HttpRequest request) throws IOException {
    return send(request);
  }
}
