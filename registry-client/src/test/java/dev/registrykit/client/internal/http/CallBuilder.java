package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.reference.Scope;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Builds {@link Call}s for the pipeline's tests, field by field. */
final class CallBuilder {
  private final String method;
  private final String registry;
  private final URI target;
  private HttpHeaders headers = HttpHeaders.empty();
  private Optional<RequestBody> body = Optional.empty();
  private String repository = "";
  private Set<String> actions = Set.of();
  private Optional<String> mountSource = Optional.empty();
  private boolean idempotent;
  private boolean followRedirects;
  private String operation;

  private CallBuilder(String method, String registry, URI target) {
    this.method = method.toUpperCase(Locale.ROOT);
    this.registry = registry;
    this.target = target;
    this.idempotent = !this.method.equals("POST") && !this.method.equals("PATCH");
    this.followRedirects = this.method.equals("GET") || this.method.equals("HEAD");
    this.operation = this.method + " " + registry + target.getRawPath();
  }

  static CallBuilder builder(String method, String registry, String target) {
    return new CallBuilder(method, registry, URI.create(target));
  }

  static CallBuilder builder(String method, String registry, URI target) {
    return new CallBuilder(method, registry, target);
  }

  CallBuilder headers(HttpHeaders value) {
    this.headers = value;
    return this;
  }

  CallBuilder header(String name, String value) {
    this.headers = headers.with(name, value);
    return this;
  }

  CallBuilder body(RequestBody value) {
    this.body = Optional.of(value);
    return this;
  }

  /** The repository scope the call needs. */
  CallBuilder scope(Scope scope) {
    this.repository = scope.resourceName();
    this.actions = scope.actions();
    return this;
  }

  /** The source repository of a mount, whose pull scope the call needs too. */
  CallBuilder mountSource(String value) {
    this.mountSource = Optional.of(value);
    return this;
  }

  CallBuilder idempotent(boolean value) {
    this.idempotent = value;
    return this;
  }

  CallBuilder followRedirects(boolean value) {
    this.followRedirects = value;
    return this;
  }

  CallBuilder description(String value) {
    this.operation = value;
    return this;
  }

  Call build() {
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
        followRedirects,
        operation);
  }
}
