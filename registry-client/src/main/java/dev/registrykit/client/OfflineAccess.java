package dev.registrykit.client;

import dev.registrykit.client.internal.json.JsonBodies;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.Interceptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Asks for offline access in the token exchange a login makes, as {@code docker login} does, and
 * keeps the refresh token the token endpoint answers with (ACR, Harbor and Docker Hub issue one):
 * stored as the {@code identitytoken}, it replaces the password on later calls.
 *
 * <p>The token exchange is the {@code GET realm?…&account=<user>} with Basic credentials that a
 * username and password make; {@code offline_token=true} and {@code client_id} are added to it.
 * Registry API requests never carry {@code account}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token authentication:
 *     {@code offline_token}</a>
 */
final class OfflineAccess implements Interceptor {
  private static final int MAX_TOKEN_RESPONSE = 1 << 20;

  private volatile Optional<String> refreshToken = Optional.empty();

  @Override
  public HttpResponse intercept(Chain chain) throws IOException {
    HttpRequest request = chain.request();
    if (!isTokenExchange(request)) {
      return chain.proceed(request);
    }
    URI offline = URI.create(request.uri() + "&offline_token=true&client_id=registrykit");
    HttpResponse response = chain.proceed(request.withUri(offline));
    if (response.status() != 200) {
      return response;
    }
    byte[] body;
    try (response) {
      body = response.readBody(MAX_TOKEN_RESPONSE + 1);
    }
    if (body.length <= MAX_TOKEN_RESPONSE) {
      Optional<String> issued = JsonBodies.optionalString(body, "refresh_token");
      if (issued.isPresent()) {
        refreshToken = issued;
      }
    }
    // The token itself goes on to the pipeline, which reads it (and refuses an oversized body).
    return HttpResponse.of(
        response.uri(), response.status(), response.headers(), new ByteArrayInputStream(body));
  }

  /** The refresh token the token endpoint issued, if it did. */
  Optional<String> refreshToken() {
    return refreshToken;
  }

  private static boolean isTokenExchange(HttpRequest request) {
    String query = request.uri().getRawQuery();
    return request.method().equals("GET")
        && query != null
        && request.uri().getRawFragment() == null
        && (query.startsWith("account=") || query.contains("&account="))
        && request
            .headers()
            .firstValue("Authorization")
            .filter(a -> a.startsWith("Basic "))
            .isPresent();
  }
}
