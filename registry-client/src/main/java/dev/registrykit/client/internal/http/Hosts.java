package dev.registrykit.client.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host-name facts the pipeline decides on. Pure functions; no DNS lookups. */
public final class Hosts {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  private Hosts() {}

  /**
   * The host and port to connect to for {@code registry}: Docker Hub's name {@code docker.io} (and
   * the legacy {@code index.docker.io}) is served by {@code registry-1.docker.io}.
   *
   * @see <a href="https://github.com/distribution/distribution/issues/2540">docker.io is a namespace, not a host</a>
   */
  public static String apiAuthority(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    if (r.equals("docker.io") || r.equals("index.docker.io")) {
      return "registry-1.docker.io";
    }
    return r;
  }

  /** The host part of {@code authority} ({@code host}, {@code host:port}, {@code [v6]:port}), brackets kept. */
  public static String host(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(0, end + 1);
    }
    int colon = authority.lastIndexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  /** Whether {@code host} is {@code localhost}, in {@code 127.0.0.0/8} or {@code [::1]}. */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.equals("[::1]") || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    var m = IPV4.matcher(h);
    return m.matches() && validIpv4(m) && Integer.parseInt(m.group(1)) == 127;
  }

  /**
   * Whether {@code host} is an address a public registry must never send the client to: loopback,
   * private (RFC 1918, IPv6 ULA), link-local (cloud metadata at 169.254.169.254) or unspecified.
   * Host names other than {@code localhost} are not resolved and count as public.
   */
  public static boolean isInternal(String host) {
    if (isLoopback(host)) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    var m = IPV4.matcher(h);
    if (m.matches() && validIpv4(m)) {
      int a = Integer.parseInt(m.group(1));
      int b = Integer.parseInt(m.group(2));
      return a == 10 || a == 0 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254)
          || (a == 100 && b >= 64 && b <= 127);
    }
    if (h.startsWith("[")) {
      String v6 = h.substring(1, h.length() - 1);
      return v6.startsWith("fc") || v6.startsWith("fd") || v6.startsWith("fe8") || v6.startsWith("fe9")
          || v6.startsWith("fea") || v6.startsWith("feb") || v6.equals("::") || v6.startsWith("::ffff:");
    }
    return false;
  }

  /** {@code host[:port]} of {@code uri}, lower case, with the scheme's default port made explicit. */
  public static String authorityWithPort(URI uri) {
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
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
        && authorityWithPort(a).equals(authorityWithPort(b));
  }

  /** {@code scheme://host:port/path} of {@code uri}: no user info, no query (it may carry signed-URL credentials). */
  public static String redact(URI uri) {
    String host = uri.getHost() == null ? "?" : uri.getHost();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + host + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static boolean validIpv4(java.util.regex.Matcher m) {
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
