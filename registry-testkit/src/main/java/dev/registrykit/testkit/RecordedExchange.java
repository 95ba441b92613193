package dev.registrykit.testkit;

import dev.registrykit.core.distribution.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the fake registry received and what it answered: an entry of its journal.
 *
 * <p>Header names are lower-case. The {@code Authorization} header's value is replaced by {@code
 * <redacted>} (its presence is kept, see {@link #hasAuthorization()}); credentials never appear.
 *
 * @param endpoint the endpoint the request was routed to; empty for unknown routes and for methods
 *     a route does not support
 * @param method the HTTP method
 * @param path the decoded path, without the query
 * @param query the raw query string, or empty; token-endpoint queries are kept (they hold no
 *     secret)
 * @param repository the repository named by the path, if any
 * @param status the status answered (for a dropped connection, the status that was cut off or 0)
 * @param errorCode the code of the first error in a JSON error body, e.g. {@code BLOB_UNKNOWN}
 * @param headers the request headers, lower-case names, {@code Authorization} redacted
 * @param requestBodySize the number of request body bytes received
 * @param fault the fault applied to this exchange, if any
 */
public record RecordedExchange(
    Optional<Endpoint> endpoint,
    String method,
    String path,
    Optional<String> query,
    Optional<String> repository,
    int status,
    Optional<ErrorCode> errorCode,
    Map<String, List<String>> headers,
    long requestBodySize,
    Optional<Fault.Kind> fault) {

  /** The redacted value recorded for {@code Authorization} headers. */
  public static final String REDACTED = "<redacted>";

  /** Copies the collections and checks for nulls. */
  public RecordedExchange {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(fault, "fault");
    TreeMap<String, List<String>> copy = new TreeMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Whether the request carried an {@code Authorization} header.
   *
   * @return whether it was present
   */
  public boolean hasAuthorization() {
    return headers.containsKey("authorization");
  }

  /**
   * The first value of request header {@code name}.
   *
   * @param name a header name, any case
   * @return the value
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Whether the request matched no route, or a route with a method it does not support: what a
   * strict test treats as unexpected.
   *
   * @return whether it was unexpected
   */
  public boolean isUnexpected() {
    return endpoint.isEmpty();
  }

  /** {@code "PUT /v2/a/manifests/v1 -> 201"}. */
  @Override
  public String toString() {
    return method
        + " "
        + path
        + query.map(q -> "?" + q).orElse("")
        + " -> "
        + status
        + errorCode.map(c -> " " + c.wireName()).orElse("")
        + fault.map(f -> " [fault " + f + "]").orElse("");
  }
}
