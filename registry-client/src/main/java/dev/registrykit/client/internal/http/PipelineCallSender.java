package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Scope;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.distribution.Headers;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sends calls through the client's exchange pipeline (scheme, auth, retries, redirects). */
public final class PipelineCallSender implements CallSender {
  private final RegistryHttp http;

  public PipelineCallSender(RegistryHttp http) {
    this.http = http;
  }

  @Override
  public HttpResponse send(Call call) throws IOException {
    return http.execute(exchange(call));
  }

  @Override
  public Optional<URI> location(Call call, HttpResponse response) throws RegistryException {
    if (response.headers().firstValue(Headers.LOCATION).map(String::isBlank).orElse(true)) {
      return Optional.empty();
    }
    return Optional.of(http.resolveLocation(exchange(call), response));
  }

  private static Exchange exchange(Call call) {
    List<Scope> scopes = new ArrayList<>();
    if (!call.repository().isEmpty() && !call.actions().isEmpty()) {
      scopes.add(
          Scope.repository(
              call.repository(), call.actions().stream().sorted().toArray(String[]::new)));
    } else if (call.target().getPath() != null
        && call.target().getPath().startsWith("/v2/_catalog")) {
      scopes.add(Scope.catalog());
    }
    call.mountSource().ifPresent(source -> scopes.add(Scope.repository(source, "pull")));
    Exchange.Builder builder =
        Exchange.builder(call.method(), call.registry(), call.target())
            .headers(call.headers())
            .scopes(scopes)
            .idempotent(call.idempotent())
            .description(call.operation());
    call.body().ifPresent(builder::body);
    return builder.build();
  }
}
