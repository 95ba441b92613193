package dev.registrykit.client.transport;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request. Immutable when its body is immutable.
 *
 * <p>{@link #toString()} shows the method and the URI without its query (query strings may carry
 * upload state tokens or signed-URL credentials) and never the headers' secret values.
 *
 * @param method the HTTP method, upper case
 * @param uri the absolute request URI
 * @param headers the request headers
 * @param body the content, for PUT, POST and PATCH
 */
public record HttpRequest(String method, URI uri, HttpHeaders headers, Optional<RequestBody> body) {
  /** Validates the components. */
  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    if (!uri.isAbsolute()) {
      throw new IllegalArgumentException("request URI must be absolute");
    }
  }

  /** A request without a body. */
  public static HttpRequest of(String method, URI uri, HttpHeaders headers) {
    return new HttpRequest(method, uri, headers, Optional.empty());
  }

  /** A request with a body. */
  public static HttpRequest of(String method, URI uri, HttpHeaders headers, RequestBody body) {
    return new HttpRequest(method, uri, headers, Optional.of(body));
  }

  /** This request with header {@code name} set to {@code value}. */
  public HttpRequest withHeader(String name, String value) {
    return new HttpRequest(method, uri, headers.with(name, value), body);
  }

  /** This request without header {@code name}. */
  public HttpRequest withoutHeader(String name) {
    return new HttpRequest(method, uri, headers.without(name), body);
  }

  /** This request sent to another URI. */
  public HttpRequest withUri(URI newUri) {
    return new HttpRequest(method, newUri, headers, body);
  }

  /** Method and URI without query, e.g. {@code GET https://host/v2/}. */
  @Override
  public String toString() {
    return method
        + " "
        + uri.getScheme()
        + "://"
        + uri.getRawAuthority()
        + Objects.toString(uri.getRawPath(), "");
  }
}
