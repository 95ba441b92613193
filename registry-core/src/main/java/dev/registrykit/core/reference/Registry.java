package dev.registrykit.core.reference;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The registry part of an image name: a host and optional port, as written in references, e.g.
 * {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}.
 *
 * <p>This is the registry's canonical <em>name</em>. Docker Hub's name is {@code docker.io}; its
 * API is served from another host, which {@link #apiHost()} gives. Immutable and thread-safe;
 * {@link #toString()} is the name and the inverse of {@link #parse(String)}.
 *
 * @param name host and optional port, e.g. {@code localhost:5000}
 */
public record Registry(String name) {
  /** Docker Hub, the registry of every name that does not start with a registry. */
  public static final Registry DOCKER_HUB = new Registry("docker.io");

  /** The host Docker Hub's registry API is served from. */
  static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  /** The legacy name of Docker Hub, normalized to {@code docker.io} by {@link #parse(String)}. */
  static final String LEGACY_DOCKER_HUB = "index.docker.io";

  /**
   * Validates the name: a domain name or bracketed IPv6 address, then an optional {@code :port}.
   *
   * @throws InvalidReferenceException with {@link Reason#REGISTRY_INVALID} when it does not match,
   *     or {@link Reason#NAME_NOT_CANONICAL} for {@code index.docker.io} (use {@link
   *     #parse(String)})
   */
  public Registry {
    Objects.requireNonNull(name, "name");
    int error = ReferenceGrammar.scanDomainAndPort(name, 0, name.length());
    if (error != ReferenceGrammar.OK) {
      throw ReferenceErrors.at(Reason.REGISTRY_INVALID, "invalid registry host", name, error);
    }
    if (name.equals(LEGACY_DOCKER_HUB)) {
      throw ReferenceErrors.of(
          Reason.NAME_NOT_CANONICAL,
          "Docker Hub's canonical registry name is \"docker.io\", not",
          name);
    }
  }

  /**
   * Parses a registry name, mapping Docker Hub's legacy {@code index.docker.io} to {@code
   * docker.io}.
   *
   * @throws InvalidReferenceException with {@link Reason#REGISTRY_INVALID} when {@code s} is not a
   *     host with optional port
   */
  public static Registry parse(String s) {
    Objects.requireNonNull(s, "registry");
    if (s.equals(LEGACY_DOCKER_HUB) || s.equals(DOCKER_HUB.name)) {
      return DOCKER_HUB;
    }
    return new Registry(s);
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing: for untrusted input. */
  public static Optional<Registry> tryParse(@Nullable String s) {
    if (s == null || ReferenceGrammar.scanDomainAndPort(s, 0, s.length()) != ReferenceGrammar.OK) {
      return Optional.empty();
    }
    return Optional.of(parse(s));
  }

  /** The host without the port; an IPv6 host keeps its brackets, e.g. {@code [::1]}. */
  public String host() {
    return name.substring(0, hostEnd());
  }

  /**
   * The port, when the name has one that is a valid TCP port (0 to 65535). Docker's grammar accepts
   * any digits after the colon, so a name like {@code host:99999} parses but has no port here.
   */
  public OptionalInt port() {
    int hostEnd = hostEnd();
    int digits = name.length() - hostEnd - 1;
    if (digits < 1 || digits > 5) {
      return OptionalInt.empty();
    }
    int port = Integer.parseInt(name, hostEnd + 1, name.length(), 10);
    return port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
  }

  /** Whether this is Docker Hub ({@code docker.io}). */
  public boolean isDockerHub() {
    return name.equals(DOCKER_HUB.name);
  }

  /**
   * Whether the host is a loopback address: {@code localhost}, an IPv4 address in {@code
   * 127.0.0.0/8}, or the IPv6 loopback {@code [::1]} (in any spelling). Decided from the name
   * alone, with no DNS lookup; a client may use this to allow plain HTTP.
   */
  public boolean isLoopback() {
    String host = host();
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (host.startsWith("[")) {
      return isIpv6Loopback(host.substring(1, host.length() - 1));
    }
    return isIpv4Loopback(host);
  }

  /**
   * The host and port a client connects to for this registry's API: {@code registry-1.docker.io}
   * for Docker Hub (whose name {@code docker.io} is not where its API is served), the name itself
   * for every other registry.
   */
  public String apiHost() {
    return isDockerHub() ? DOCKER_HUB_API_HOST : name;
  }

  /** Returns the name, e.g. {@code localhost:5000}. */
  @Override
  public String toString() {
    return name;
  }

  private int hostEnd() {
    if (name.startsWith("[")) {
      return name.indexOf(']') + 1;
    }
    int colon = name.indexOf(':');
    return colon < 0 ? name.length() : colon;
  }

  private static boolean isIpv4Loopback(String host) {
    String[] octets = host.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code address} (hex digits and colons, no brackets) is {@code ::1} written any way.
   */
  private static boolean isIpv6Loopback(String address) {
    String a = address.toLowerCase(Locale.ROOT);
    int compressed = a.indexOf("::");
    if (compressed >= 0 && compressed != a.lastIndexOf("::")) {
      return false;
    }
    String[] groups;
    if (compressed < 0) {
      groups = a.split(":", -1);
      if (groups.length != 8) {
        return false;
      }
    } else {
      String[] head = splitGroups(a.substring(0, compressed));
      String[] tail = splitGroups(a.substring(compressed + 2));
      if (head.length + tail.length > 7) {
        return false;
      }
      groups = new String[8];
      java.util.Arrays.fill(groups, "0");
      System.arraycopy(head, 0, groups, 0, head.length);
      System.arraycopy(tail, 0, groups, 8 - tail.length, tail.length);
    }
    for (int i = 0; i < 8; i++) {
      String g = groups[i];
      if (g.isEmpty() || g.length() > 4 || g.indexOf(':') >= 0) {
        return false;
      }
      int value = Integer.parseInt(g, 16);
      if (value != (i == 7 ? 1 : 0)) {
        return false;
      }
    }
    return true;
  }

  private static String[] splitGroups(String part) {
    return part.isEmpty() ? new String[0] : part.split(":", -1);
  }
}
