package dev.registrykit.testkit.internal.server;

import java.util.Optional;

/**
 * One request being served: its parsed route, what its caller may do, its headers and its body (not
 * read yet: the handler that needs it streams it).
 */
record RoutedRequest(Route route, Access access, HeaderMap headers, RequestBody body) {

  Optional<String> header(String name) {
    return headers.first(name);
  }

  String repo() {
    return route.repo();
  }
}
