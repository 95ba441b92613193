package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.RequestBody;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One registry exchange as the operations describe it, before the pipeline (scheme, auth, retries,
 * redirects) turns it into HTTP requests.
 *
 * @param method the HTTP method
 * @param registry the registry authority, e.g. {@code localhost:5000}
 * @param target a path and query relative to the registry root ({@code /v2/…}), or an absolute URI
 *     the registry handed out ({@code Location}, {@code Link})
 * @param headers request headers
 * @param body the content, if any
 * @param repository the repository the auth scope names; empty for registry-wide calls
 * @param actions the scope's actions, e.g. {@code pull} or {@code pull,push}
 * @param idempotent whether the exchange may be replayed after a failure
 * @param mountSource the source repository of a cross-repository mount, whose pull scope the token
 *     needs too
 * @param operation the description for messages, e.g. {@code PUT manifest localhost:5000/a:b}
 */
public record Call(
    String method,
    String registry,
    URI target,
    HttpHeaders headers,
    Optional<RequestBody> body,
    String repository,
    Set<String> actions,
    boolean idempotent,
    Optional<String> mountSource,
    String operation) {
  public static final Set<String> PULL = Set.of("pull");
  public static final Set<String> PUSH = Set.of("pull", "push");
  public static final Set<String> DELETE = Set.of("delete");

  public Call {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(repository, "repository");
    actions = Set.copyOf(actions);
    Objects.requireNonNull(mountSource, "mountSource");
    Objects.requireNonNull(operation, "operation");
  }

  /** A call without body. */
  public static Call of(
      String method,
      String registry,
      URI target,
      HttpHeaders headers,
      String repository,
      Set<String> actions,
      String operation) {
    boolean idempotent = !method.equals("POST") && !method.equals("PATCH");
    return new Call(
        method,
        registry,
        target,
        headers,
        Optional.empty(),
        repository,
        actions,
        idempotent,
        Optional.empty(),
        operation);
  }

  public Call withBody(RequestBody content, boolean replayable) {
    return new Call(
        method,
        registry,
        target,
        headers,
        Optional.of(content),
        repository,
        actions,
        replayable,
        mountSource,
        operation);
  }

  public Call withIdempotent(boolean value) {
    return new Call(
        method,
        registry,
        target,
        headers,
        body,
        repository,
        actions,
        value,
        mountSource,
        operation);
  }

  public Call withMountSource(String source) {
    return new Call(
        method,
        registry,
        target,
        headers,
        body,
        repository,
        actions,
        idempotent,
        Optional.of(source),
        operation);
  }
}
