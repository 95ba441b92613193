package dev.registrykit.client.internal.http;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.reference.Registry;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a registry may send the client: the redirect policy and the server-side request forgery
 * checks. A redirect may go to another host (a CDN, S3) but not from HTTPS to plain HTTP (except
 * loopback), and a public registry may not send the client to an internal address. A URL the
 * registry hands out to continue on (an upload {@code Location}, a next-page {@code Link}) must
 * stay on the registry itself, because the client's credentials go with it.
 */
final class RedirectPolicy {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private RedirectPolicy() {}

  /**
   * Checks a redirect from {@code from} to {@code to} for a request to {@code registry}.
   *
   * @throws RegistryException when the client must not follow it
   */
  static void checkRedirect(String operation, Registry registry, URI from, URI to)
      throws RegistryException {
    String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
    String problem = null;
    if (!scheme.equals("https") && !scheme.equals("http") || to.getHost() == null) {
      problem = "it is not an http(s) URL";
    } else if (scheme.equals("http")
        && "https".equalsIgnoreCase(from.getScheme())
        && !Urls.isLoopback(to)) {
      problem = "it downgrades HTTPS to plain HTTP";
    } else if (!isInternal(Urls.host(registry.apiHost())) && isInternal(to.getHost())) {
      problem = "a public registry must not send the client to an internal address";
    }
    if (problem != null) {
      throw new RegistryException(
          operation,
          "refusing to follow a redirect to "
              + (to.getHost() == null ? "an invalid URL" : Urls.redact(to))
              + ": "
              + problem);
    }
  }

  /**
   * Checks that {@code uri}, a URL the registry handed out, is on the registry at {@code base}
   * (same host and port; the scheme may only stay or become HTTPS).
   *
   * @throws RegistryException naming what the URL was for when it points elsewhere
   */
  static void checkOnRegistry(String operation, Registry registry, URI uri, URI base)
      throws RegistryException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean schemeOk = scheme.equals(base.getScheme()) || scheme.equals("https");
    if (!schemeOk
        || uri.getHost() == null
        || !Urls.authorityWithPort(uri)
            .equals(Urls.authorityWithPort(URI.create(scheme + "://" + base.getRawAuthority())))) {
      throw new RegistryException(
          operation,
          "refusing to follow "
              + purpose(uri)
              + " to "
              + (uri.getHost() == null ? "a relative URI" : Urls.redact(uri))
              + ": it is not on registry "
              + registry
              + " (a registry must not send the client, and its credentials, to another host)");
    }
  }

  /** What a registry-supplied URL is for, from its path: the wording of a refusal. */
  private static String purpose(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.contains("/blobs/uploads/")) {
      return "the upload location";
    }
    if (path.endsWith("/tags/list") || path.endsWith("/_catalog") || path.contains("/referrers/")) {
      return "the next-page link";
    }
    return "the registry's link";
  }

  /**
   * Whether {@code host} is an address a public registry must never send the client to: loopback,
   * private (RFC 1918, IPv6 ULA), link-local (cloud metadata at 169.254.169.254), carrier-grade NAT
   * or unspecified. Host names other than {@code localhost} are not resolved and count as public.
   */
  static boolean isInternal(String host) {
    if (Registry.tryParse(host).map(Registry::isLoopback).orElse(false)) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    Matcher m = IPV4.matcher(h);
    if (m.matches() && validIpv4(m)) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      return a == 10
          || a == 0
          || (a == 172 && b >= 16 && b <= 31)
          || (a == 192 && b == 168)
          || (a == 169 && b == 254)
          || (a == 100 && b >= 64 && b <= 127);
    }
    if (h.startsWith("[")) {
      String v6 = h.substring(1, h.length() - 1);
      return v6.startsWith("fc")
          || v6.startsWith("fd")
          || v6.startsWith("fe8")
          || v6.startsWith("fe9")
          || v6.startsWith("fea")
          || v6.startsWith("feb")
          || v6.equals("::")
          || v6.startsWith("::ffff:");
    }
    return false;
  }

  private static boolean validIpv4(Matcher m) {
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
