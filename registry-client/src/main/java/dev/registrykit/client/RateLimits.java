package dev.registrykit.client;

import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.Interceptor;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers the last rate limit each registry announced, read from every response the client
 * receives (each attempt and hop, token endpoints included): Docker Hub sends its {@code
 * RateLimit-*} headers on manifest requests, so the value after an operation is the quota left for
 * the next one.
 */
final class RateLimits implements Interceptor {
  private final ConcurrentMap<String, RateLimit> last = new ConcurrentHashMap<>();

  @Override
  public HttpResponse intercept(Chain chain) throws IOException {
    HttpResponse response = chain.proceed(chain.request());
    Optional<RateLimit> announced = RateLimit.fromHeaders(response.headers()::allValues);
    if (announced.isPresent()) {
      last.put(key(chain.request().uri()), announced.get());
    }
    return response;
  }

  /** The last limit {@code registry}'s API host announced. */
  Optional<RateLimit> last(Registry registry) {
    return Optional.ofNullable(last.get(registry.apiHost().toLowerCase(Locale.ROOT)));
  }

  /**
   * {@code host[:port]} as a registry's API host is written: the port only when the URI has one.
   */
  private static String key(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    return (uri.getPort() < 0 ? host : host + ":" + uri.getPort()).toLowerCase(Locale.ROOT);
  }
}
