package dev.registrykit.client.internal.http;

import dev.registrykit.core.reference.Registry;
import java.net.URI;
import java.util.Locale;

/**
 * Facts about request URLs the pipeline decides on. Pure functions, no DNS lookups. Whether a host
 * is loopback is core's rule ({@link Registry#isLoopback()}), asked here, never re-implemented.
 */
final class Urls {
  private Urls() {}

  /** Whether {@code uri}'s host is loopback by core's rule. */
  static boolean isLoopback(URI uri) {
    return uri.getHost() != null
        && Registry.tryParse(uri.getHost()).map(Registry::isLoopback).orElse(false);
  }

  /**
   * The host part of {@code authority} ({@code host}, {@code host:port}, {@code [v6]:port}),
   * brackets kept.
   */
  static String host(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(0, end + 1);
    }
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  /** {@code host:port} of {@code uri}, lower case, with the scheme's default port made explicit. */
  static String authorityWithPort(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port = uri.getPort();
    if (port < 0) {
      port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
    return host + ":" + port;
  }

  /** Whether {@code a} and {@code b} have the same scheme, host and port. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && authorityWithPort(a).equals(authorityWithPort(b));
  }

  /**
   * {@code scheme://host:port/path} of {@code uri}: no user info, no query (it may carry signed-URL
   * credentials).
   */
  static String redact(URI uri) {
    String host = uri.getHost() == null ? "?" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme()
        + "://"
        + host
        + port
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
