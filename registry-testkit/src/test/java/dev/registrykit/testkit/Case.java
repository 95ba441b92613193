package dev.registrykit.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of an endpoint table: a request and what the fake must answer.
 *
 * @param description what the row checks
 * @param method the HTTP method
 * @param path path and query
 * @param headers request headers
 * @param body request body (UTF-8)
 * @param status the expected status
 * @param code the expected error code, if an error body is expected
 * @param responseHeaders response headers that must be present with these values
 */
record Case(
    String description,
    String method,
    String path,
    Map<String, String> headers,
    String body,
    int status,
    Optional<String> code,
    Map<String, String> responseHeaders) {

  static Case of(String description, String method, String path, int status) {
    return new Case(description, method, path, Map.of(), "", status, Optional.empty(), Map.of());
  }

  Case header(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Case(description, method, path, h, body, status, code, responseHeaders);
  }

  Case body(String value) {
    return new Case(description, method, path, headers, value, status, code, responseHeaders);
  }

  Case code(String value) {
    return new Case(
        description, method, path, headers, body, status, Optional.of(value), responseHeaders);
  }

  Case expectHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(responseHeaders);
    h.put(name, value);
    return new Case(description, method, path, headers, body, status, code, h);
  }

  byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return description
        + ": "
        + method
        + " "
        + path
        + " -> "
        + status
        + code.map(c -> " " + c).orElse("");
  }
}
