package dev.registrykit.client.internal.http;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.distribution.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Follows redirects itself (the transport never does): at most {@link #MAX_REDIRECTS} hops, each
 * checked by {@link RedirectPolicy} (no HTTPS → HTTP downgrade, no internal address from a public
 * registry); on a hop off the registry's origin nothing that identifies the user goes along ({@code
 * Authorization}, {@code Proxy-Authorization}, {@code Cookie}). 303, and 301/302 after a POST,
 * continue as GET without body (RFC 9110 section 15.4).
 */
final class Redirects implements Step {
  /** The most redirects followed for one call. */
  static final int MAX_REDIRECTS = 10;

  private final Sessions sessions;

  Redirects(Sessions sessions) {
    this.sessions = sessions;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    Sessions.Session session = sessions.of(call.registry());
    URI origin = call.target();
    Call current = call;
    for (int hop = 0; ; hop++) {
      HttpResponse response = next.proceed(current);
      int status = response.status();
      boolean redirect =
          status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      Optional<String> location = response.headers().firstValue(Headers.LOCATION);
      if (!redirect || !call.followRedirects() || location.isEmpty()) {
        return response;
      }
      if (hop >= MAX_REDIRECTS) {
        response.close();
        throw new RegistryException(call.operation(), "more than " + MAX_REDIRECTS + " redirects");
      }
      URI target;
      try {
        target = current.target().resolve(new URI(location.get().trim()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        response.close();
        throw new RegistryException(
            call.operation(), "the registry sent a malformed redirect Location");
      }
      RedirectPolicy.checkRedirect(call.operation(), session.name, current.target(), target);
      Responses.discard(response);
      current = nextHop(current, status, target, origin);
      Pipeline.LOG.debug("{}: redirected to {}", call.operation(), Urls.redact(target));
    }
  }

  private static Call nextHop(Call current, int status, URI target, URI origin)
      throws RegistryException {
    String method = current.method();
    Optional<RequestBody> body = current.body();
    if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
      method = method.equals("HEAD") ? "HEAD" : "GET";
      body = Optional.empty();
    } else if (body.isPresent() && !body.get().isRepeatable()) {
      throw new RegistryException(
          current.operation(), "the registry redirected a request whose body cannot be sent again");
    }
    Call hop = current.redirectedTo(method, target, body);
    if (Urls.sameOrigin(target, origin)) {
      return hop;
    }
    // Another host (a CDN, S3): nothing that identifies the user crosses over.
    HttpHeaders stripped =
        hop.headers()
            .newBuilder()
            .removeAll(Headers.AUTHORIZATION)
            .removeAll("Proxy-Authorization")
            .removeAll("Cookie")
            .build();
    return hop.withHeaders(stripped);
  }
}
