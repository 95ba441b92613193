package dev.registrykit.client.internal.http;

import dev.registrykit.core.reference.Registry;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that knows what the caller allowed short of verified HTTPS, per registry, and where
 * credentials may go.
 *
 * <ul>
 *   <li><b>Plain HTTP</b> registries are spoken to over plain HTTP straight away ({@code
 *       plainHttp(…)}, registries.conf's {@code insecure}).
 *   <li><b>Insecure</b> registries ({@code insecureRegistries(…)}, as Docker's {@code
 *       insecure-registries} and Jib's {@code allowInsecureRegistries}) are tried over HTTPS
 *       without verifying the certificate chain or host name, then over plain HTTP. Verification is
 *       skipped for the registry's own API host and port only: a token realm or blob storage
 *       elsewhere is verified as usual.
 *   <li>Credentials go over HTTPS, to loopback (core's rule), to an insecure registry (the caller
 *       named it), or over plain HTTP to a plain-HTTP registry the caller opted into with {@code
 *       credentialsOverPlainHttp}. A token realm on another plain-HTTP host does not inherit the
 *       registry's opt-in: that host must be named too.
 * </ul>
 */
final class InsecureAccess {
  private final Set<String> plainHttp;
  private final List<Origin> insecure;
  private final boolean credentialsOverPlainHttp;

  /**
   * @param plainHttp registries (as in references, {@code host:port}) reached over plain HTTP
   * @param insecure registries tried over unverified HTTPS, then plain HTTP
   * @param credentialsOverPlainHttp whether credentials may go to the {@code plainHttp} ones
   */
  InsecureAccess(
      Collection<String> plainHttp, Collection<String> insecure, boolean credentialsOverPlainHttp) {
    this.plainHttp =
        plainHttp.stream().map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    this.insecure = insecure.stream().map(r -> Origin.of(Registry.parse(r))).toList();
    this.credentialsOverPlainHttp = credentialsOverPlainHttp;
  }

  /** Whether the registry is spoken to over plain HTTP without trying HTTPS. */
  boolean plainHttpOnly(Sessions.Session session) {
    return plainHttp.contains(session.registry) || plainHttp.contains(session.authority);
  }

  /** Whether the registry was named insecure: unverified HTTPS, then plain HTTP. */
  boolean isInsecure(Sessions.Session session) {
    return isInsecure(URI.create("https://" + session.authority));
  }

  /** Whether {@code uri} is HTTPS to an insecure registry's API host and port. */
  boolean skipsVerification(URI uri) {
    return "https".equalsIgnoreCase(uri.getScheme()) && isInsecure(uri);
  }

  /** Whether credentials may be sent to {@code uri}. */
  boolean secretsAllowed(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return true;
    }
    if (uri.getHost() == null) {
      return false;
    }
    if (Urls.isLoopback(uri) || isInsecure(uri)) {
      return true;
    }
    String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
    boolean defaultPort = uri.getPort() < 0 || uri.getPort() == 80;
    boolean isNamed =
        plainHttp.contains(authority) || defaultPort && plainHttp.contains(Urls.host(authority));
    return credentialsOverPlainHttp && isNamed;
  }

  private boolean isInsecure(URI uri) {
    if (uri.getHost() == null) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    return insecure.stream().anyMatch(o -> o.host.equals(host) && o.port(defaultPort) == port);
  }

  /** Where a registry's API is served: its host, and its port when the name has one. */
  private record Origin(String host, OptionalInt port) {
    static Origin of(Registry registry) {
      Registry api = Registry.parse(registry.apiHost());
      return new Origin(api.host().toLowerCase(Locale.ROOT), api.port());
    }

    int port(int schemeDefault) {
      return port.orElse(schemeDefault);
    }
  }
}
