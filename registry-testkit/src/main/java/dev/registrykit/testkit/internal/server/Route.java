package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.Endpoint;
import java.util.Optional;

/**
 * A request's route, parsed once: the endpoint, the repository and the path parameter (digest,
 * tag-or-digest or upload id).
 *
 * @param endpoint the endpoint; empty for an unknown route or a method the route does not support
 * @param method the HTTP method
 * @param path the decoded path
 * @param query the query parameters
 * @param repository the repository named by the path
 * @param parameter the last path parameter (digest, reference, upload id), or ""
 * @param knownPath whether the path has a known shape (an unsupported method then answers 405)
 */
record Route(
    Optional<Endpoint> endpoint,
    String method,
    String path,
    Query query,
    Optional<String> repository,
    String parameter,
    boolean knownPath) {

  Endpoint requireEndpoint() {
    return endpoint.orElseThrow();
  }

  String repo() {
    return repository.orElseThrow();
  }

  Optional<String> query(String name) {
    return query.first(name);
  }

  boolean isWrite() {
    return method.equals("POST")
        || method.equals("PUT")
        || method.equals("PATCH")
        || method.equals("DELETE");
  }
}
