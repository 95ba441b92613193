package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What the pipeline has learnt about each registry: the base URI {@link SchemeSelection} chose, the
 * challenge {@link Authentication} answers, the credential. Thread-safe.
 */
final class Sessions {
  private final ConcurrentMap<String, Session> byRegistry = new ConcurrentHashMap<>();
  private final CredentialProvider credentials;

  Sessions(CredentialProvider credentials) {
    this.credentials = credentials;
  }

  /**
   * The session of {@code registry} ({@code host[:port]} as in references), created on first use.
   */
  Session of(String registry) {
    return byRegistry.computeIfAbsent(registry.toLowerCase(Locale.ROOT), Session::new);
  }

  @Override
  public String toString() {
    return String.join(",", new TreeSet<>(byRegistry.keySet()));
  }

  /** What the client knows about one registry. */
  final class Session {
    final String registry;
    final Registry name;

    /** {@code host:port} the API is on: core's rule ({@code docker.io} → its API host). */
    final String authority;

    /** The scheme and authority requests go to; null until {@link SchemeSelection} decided. */
    volatile @Nullable URI base;

    /** The challenge learnt from {@code GET /v2/} or a later 401; empty: send no credentials. */
    volatile Optional<Challenge> challenge = Optional.empty();

    /**
     * The newest refresh token the token endpoint issued: for a configured identity token, its
     * rotation, used in its place; for a user name and password, the one offline access asked for.
     */
    volatile Optional<String> refreshToken = Optional.empty();

    // Looked up once, on first use (a credential helper may be slow or prompt).
    private volatile @Nullable Optional<Credential> credential;

    private Session(String registry) {
      this.registry = registry;
      this.name = Registry.parse(registry);
      this.authority = name.apiHost();
    }

    Credential credential() throws IOException {
      Optional<Credential> c = credential;
      if (c == null) {
        synchronized (this) {
          c = credential;
          if (c == null) {
            c = credentials.credentialFor(registry);
            credential = c;
          }
        }
      }
      return c.orElse(Credential.anonymous());
    }
  }
}
