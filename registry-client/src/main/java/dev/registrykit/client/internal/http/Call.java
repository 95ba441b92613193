package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.reference.Scope;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One registry request: what an operation asks for, and what travels down the {@link Pipeline}. The
 * steps change it on the way ({@link #withTarget} once the scheme is chosen, {@link #withHeaders}
 * for {@code Authorization}, {@link #redirectedTo} for each hop); the last step turns it into the
 * transport's {@link HttpRequest}.
 *
 * @param method the HTTP method, upper case
 * @param registry the registry as in image references, e.g. {@code localhost:5000}, {@code
 *     docker.io}
 * @param target a path and query relative to the registry root ({@code /v2/…}), or an absolute URI
 *     (one the registry handed out, a token realm, or the target after scheme selection)
 * @param headers request headers (the pipeline adds {@code Authorization} and {@code User-Agent})
 * @param body the content, if any
 * @param repository the repository path the token scope names; empty for registry-wide calls
 * @param actions the scope's actions, e.g. {@code pull} or {@code pull,push}
 * @param idempotent whether the call may be replayed after a failure or a 502/503/504
 * @param mountSource the source repository of a cross-repository mount, whose pull scope the token
 *     needs too
 * @param followRedirects whether 3xx answers are followed (GET and HEAD by default)
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
    boolean followRedirects,
    String operation) {
  public static final Set<String> PULL = Set.of("pull");
  public static final Set<String> PUSH = Set.of("pull", "push");
  public static final Set<String> DELETE = Set.of("delete");

  /** Validates and copies the components. */
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
    method = method.toUpperCase(Locale.ROOT);
    if (registry.isEmpty()) {
      throw new IllegalArgumentException("registry is empty");
    }
    if (!target.isAbsolute()
        && (target.getRawPath() == null || !target.getRawPath().startsWith("/"))) {
      throw new IllegalArgumentException("target must be absolute or start with '/'");
    }
  }

  /** A call without body: idempotent unless POST or PATCH, following redirects for GET and HEAD. */
  public static Call of(
      String method,
      String registry,
      URI target,
      HttpHeaders headers,
      String repository,
      Set<String> actions,
      String operation) {
    String m = method.toUpperCase(Locale.ROOT);
    return new Call(
        m,
        registry,
        target,
        headers,
        Optional.empty(),
        repository,
        actions,
        !m.equals("POST") && !m.equals("PATCH"),
        Optional.empty(),
        m.equals("GET") || m.equals("HEAD"),
        operation);
  }

  /**
   * A call for a request the pipeline itself makes on a registry's behalf (a token request, a
   * {@code GET /v2/} ping): no scopes, replayable, not following redirects.
   */
  static Call of(String registry, HttpRequest request, String operation) {
    return new Call(
        request.method(),
        registry,
        request.uri(),
        request.headers(),
        request.body(),
        "",
        Set.of(),
        true,
        Optional.empty(),
        false,
        operation);
  }

  /** This call with {@code content}; {@code replayable} says whether it may be sent again. */
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
        followRedirects,
        operation);
  }

  /** This call, replayable or not. */
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
        followRedirects,
        operation);
  }

  /** This call mounting from {@code source}, whose pull scope the token needs too. */
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
        followRedirects,
        operation);
  }

  /** This call, following redirects or not. */
  public Call withFollowRedirects(boolean value) {
    return new Call(
        method,
        registry,
        target,
        headers,
        body,
        repository,
        actions,
        idempotent,
        mountSource,
        value,
        operation);
  }

  /** This call sent to {@code uri}. */
  Call withTarget(URI uri) {
    return redirectedTo(method, uri, body);
  }

  /** This call with {@code value} as its headers. */
  Call withHeaders(HttpHeaders value) {
    return new Call(
        method,
        registry,
        target,
        value,
        body,
        repository,
        actions,
        idempotent,
        mountSource,
        followRedirects,
        operation);
  }

  /** This call as the next hop of a redirect: {@code newMethod} on {@code uri}. */
  Call redirectedTo(String newMethod, URI uri, Optional<RequestBody> newBody) {
    return new Call(
        newMethod,
        registry,
        uri,
        headers,
        newBody,
        repository,
        actions,
        idempotent,
        mountSource,
        followRedirects,
        operation);
  }

  /** This call carrying what {@code request} says (a user interceptor may have rewritten it). */
  Call with(HttpRequest request) {
    return redirectedTo(request.method(), request.uri(), request.body())
        .withHeaders(request.headers());
  }

  /** The transport's request; the target must be absolute (after scheme selection). */
  HttpRequest request() {
    return new HttpRequest(method, target, headers, body);
  }

  /** Whether the body, if any, can be sent again (for retries, re-authentication and 307/308). */
  public boolean bodyRepeatable() {
    return body.isEmpty() || body.get().isRepeatable();
  }

  /**
   * The token scopes this call needs: the repository's with the call's actions, the mount source's
   * {@code pull}, or the catalog's for {@code /v2/_catalog}.
   */
  public List<Scope> scopes() {
    List<Scope> scopes = new ArrayList<>();
    if (!repository.isEmpty() && !actions.isEmpty()) {
      scopes.add(Scope.repository(repository, actions.toArray(String[]::new)));
    } else if (target.getPath() != null && target.getPath().startsWith("/v2/_catalog")) {
      scopes.add(Scope.catalog());
    }
    mountSource.ifPresent(source -> scopes.add(Scope.repository(source, "pull")));
    return Scope.merge(scopes);
  }
}
