package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Scope;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.RequestBody;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a registry operation, as {@link RegistryHttp#execute} runs it: the request, the auth
 * scopes it needs, whether it may be retried, and how to name it in errors.
 *
 * @param method the HTTP method, upper case
 * @param registry the registry as in image references: {@code docker.io}, {@code localhost:5000}
 * @param target a path with query relative to the registry ({@code /v2/foo/manifests/latest}), or
 *     an absolute URI on the registry (an upload {@code Location} from {@link
 *     RegistryHttp#resolveLocation})
 * @param headers request headers (the pipeline adds {@code Authorization} and {@code User-Agent})
 * @param body the content, if any
 * @param scopes the token scopes the step needs, e.g. {@code repository:foo:pull,push} plus {@code
 *     repository:source:pull} for a cross-repository mount; empty for {@code /v2/}
 * @param idempotent whether resending after a connection failure or a 502/503/504 is safe
 * @param followRedirects whether 3xx responses are followed (blob reads: yes; a caller that wants
 *     to see the redirect: no)
 * @param description the operation for error messages: {@code PUT manifest
 *     localhost:5000/figlet:latest}
 */
public record Exchange(
    String method,
    String registry,
    URI target,
    HttpHeaders headers,
    Optional<RequestBody> body,
    List<Scope> scopes,
    boolean idempotent,
    boolean followRedirects,
    String description) {

  /** Validates and copies the components. */
  public Exchange {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(description, "description");
    scopes = List.copyOf(scopes);
    if (registry.isEmpty()) {
      throw new IllegalArgumentException("registry is empty");
    }
    if (!target.isAbsolute()
        && (target.getRawPath() == null || !target.getRawPath().startsWith("/"))) {
      throw new IllegalArgumentException("target must be absolute or start with '/'");
    }
  }

  /**
   * A builder for {@code method} on {@code registry}: idempotent for GET, HEAD, PUT and DELETE,
   * following redirects for GET and HEAD, described as {@code METHOD registry path} until {@link
   * Builder#description} says better.
   *
   * @param target a path with query ({@code /v2/foo/tags/list?n=100}) or an absolute URI on the
   *     registry
   */
  public static Builder builder(String method, String registry, URI target) {
    return new Builder(method, registry, target);
  }

  /**
   * {@link #builder(String, String, URI)} with a path string, e.g. {@code /v2/foo/blobs/sha256:…}.
   */
  public static Builder builder(String method, String registry, String target) {
    return new Builder(method, registry, URI.create(target));
  }

  /** Whether the body, if any, can be sent again (for retries, re-authentication and 307/308). */
  public boolean bodyRepeatable() {
    return body.isEmpty() || body.get().isRepeatable();
  }

  /** Builds an {@link Exchange}. Not thread-safe. */
  public static final class Builder {
    private final String method;
    private final String registry;
    private final URI target;
    private HttpHeaders headers = HttpHeaders.empty();
    private Optional<RequestBody> body = Optional.empty();
    private final List<Scope> scopes = new ArrayList<>();
    private boolean idempotent;
    private boolean followRedirects;
    private String description;

    private Builder(String method, String registry, URI target) {
      this.method = method.toUpperCase(Locale.ROOT);
      this.registry = Objects.requireNonNull(registry, "registry");
      this.target = Objects.requireNonNull(target, "target");
      this.idempotent = List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS").contains(this.method);
      this.followRedirects = this.method.equals("GET") || this.method.equals("HEAD");
      this.description = this.method + " " + registry + Objects.toString(target.getRawPath(), "");
    }

    /** Replaces the headers. */
    public Builder headers(HttpHeaders value) {
      this.headers = Objects.requireNonNull(value, "headers");
      return this;
    }

    /** Sets one header. */
    public Builder header(String name, String value) {
      this.headers = headers.with(name, value);
      return this;
    }

    /** Sets the body. */
    public Builder body(RequestBody value) {
      this.body = Optional.of(value);
      return this;
    }

    /** Adds the scopes the step needs. */
    public Builder scope(Scope... values) {
      scopes.addAll(List.of(values));
      return this;
    }

    /** Adds the scopes the step needs. */
    public Builder scopes(List<Scope> values) {
      scopes.addAll(values);
      return this;
    }

    /** Overrides whether resending is safe. */
    public Builder idempotent(boolean value) {
      this.idempotent = value;
      return this;
    }

    /** Overrides whether redirects are followed. */
    public Builder followRedirects(boolean value) {
      this.followRedirects = value;
      return this;
    }

    /** The operation for error messages: {@code PUT manifest localhost:5000/figlet:latest}. */
    public Builder description(String value) {
      this.description = Objects.requireNonNull(value, "description");
      return this;
    }

    /** The exchange. */
    public Exchange build() {
      return new Exchange(
          method,
          registry,
          target,
          headers,
          body,
          Scope.merge(scopes),
          idempotent,
          followRedirects,
          description);
    }
  }
}
