package dev.registrykit.client.internal.http;

import dev.registrykit.core.reference.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens per registry, looked up by the scopes a request needs: a token issued for {@code
 * pull,push} also serves a {@code pull}. Thread-safe.
 */
final class TokenCache {
  private final Map<String, List<BearerToken>> byRegistry = new ConcurrentHashMap<>();

  /** A token for {@code registry} covering {@code scopes} that is still usable at {@code now}. */
  Optional<BearerToken> find(String registry, List<Scope> scopes, Instant now) {
    List<BearerToken> tokens = byRegistry.get(registry);
    if (tokens == null) {
      return Optional.empty();
    }
    synchronized (tokens) {
      tokens.removeIf(t -> !now.isBefore(t.usableUntil()));
      for (BearerToken token : tokens) {
        if (Scope.coversAll(token.scopes(), scopes)) {
          return Optional.of(token);
        }
      }
    }
    return Optional.empty();
  }

  /** Stores {@code token}, replacing any token for exactly the same scopes. */
  void put(String registry, BearerToken token) {
    List<BearerToken> tokens = byRegistry.computeIfAbsent(registry, r -> new ArrayList<>());
    synchronized (tokens) {
      tokens.removeIf(t -> t.scopes().equals(token.scopes()));
      tokens.add(token);
    }
  }

  /** Forgets {@code token}: the registry rejected it (expired early, revoked). */
  void invalidate(String registry, String tokenValue) {
    List<BearerToken> tokens = byRegistry.get(registry);
    if (tokens != null) {
      synchronized (tokens) {
        tokens.removeIf(t -> t.value().equals(tokenValue));
      }
    }
  }
}
