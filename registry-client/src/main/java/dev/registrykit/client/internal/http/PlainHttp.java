package dev.registrykit.client.internal.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registries the caller allowed over plain HTTP, and where credentials may go: over HTTPS, to
 * loopback (core's rule), or over plain HTTP to a host the caller named and opted into with {@code
 * credentialsOverPlainHttp}. A token realm on another plain-HTTP host does not inherit the
 * registry's opt-in: that host must be named too.
 */
final class PlainHttp {
  private final Set<String> named;
  private final boolean credentialsAllowed;

  PlainHttp(Collection<String> named, boolean credentialsAllowed) {
    this.named = named.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.credentialsAllowed = credentialsAllowed;
  }

  /** Whether the registry was named, by its reference form or its API host. */
  boolean allows(Sessions.Session session) {
    return named.contains(session.registry) || named.contains(session.authority);
  }

  /** Whether credentials may be sent to {@code uri}. */
  boolean secretsAllowed(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return true;
    }
    if (uri.getHost() == null) {
      return false;
    }
    if (Urls.isLoopback(uri)) {
      return true;
    }
    String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
    boolean defaultPort = uri.getPort() < 0 || uri.getPort() == 80;
    boolean isNamed =
        named.contains(authority) || defaultPort && named.contains(Urls.host(authority));
    return credentialsAllowed && isNamed;
  }
}
