package dev.registrykit.client.registries;

import dev.registrykit.core.reference.InvalidReferenceException;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.util.Locale;
import java.util.Objects;

/** Checks and applies {@code host[:port][/namespace]} locations and repository-name prefixes. */
final class Location {
  private Location() {}

  /**
   * A location must name a registry host, optionally with a namespace: it is a repository prefix.
   */
  static String check(String location, String what) {
    Objects.requireNonNull(location, what);
    String l = location.strip();
    if (l.endsWith("/")) {
      l = l.substring(0, l.length() - 1);
    }
    if (l.isEmpty() || l.contains("://") || l.contains("@") || l.contains(" ")) {
      throw new IllegalArgumentException(
          what + " must be host[:port][/namespace]: \"" + location + "\"");
    }
    try {
      // The first component is always the host, as in containers' locations (even without a dot);
      // the rest must be a repository path (checked under a neutral host: Docker Hub's rules for
      // complete repositories do not apply to a namespace).
      int cut = l.indexOf('/');
      Registry.parse(cut < 0 ? l : l.substring(0, cut));
      if (cut >= 0) {
        Repository.of(Registry.parse("example.com"), l.substring(cut + 1));
      }
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(
          what + " is not host[:port][/namespace]: \"" + location + "\" (" + e.getMessage() + ")");
    }
    int slash = l.indexOf('/');
    return slash < 0
        ? l.toLowerCase(Locale.ROOT)
        : l.substring(0, slash).toLowerCase(Locale.ROOT) + l.substring(slash);
  }

  /**
   * {@code repository} under {@code location}: its path after {@code prefix} appended to the
   * location.
   */
  static Repository rewrite(Repository repository, String prefix, String location) {
    String full = repository.registry() + "/" + repository.path();
    String rest = full.length() > prefix.length() ? full.substring(prefix.length() + 1) : "";
    return at(location, rest);
  }

  /** The repository {@code path} under {@code location} ({@code host[:port][/namespace]}). */
  static Repository at(String location, String path) {
    int slash = location.indexOf('/');
    Registry host = Registry.parse(slash < 0 ? location : location.substring(0, slash));
    String namespace = slash < 0 ? "" : location.substring(slash + 1);
    String joined =
        namespace.isEmpty() ? path : path.isEmpty() ? namespace : namespace + "/" + path;
    return Repository.of(host, joined);
  }

  /**
   * Whether {@code prefix} matches {@code repository} at a path boundary ({@code example.com/foo}
   * matches {@code example.com/foo/bar}, not {@code example.com/foobar}); {@code *.example.com}
   * matches any subdomain's repositories.
   */
  static boolean matches(String prefix, Repository repository) {
    String full = repository.registry() + "/" + repository.path();
    if (prefix.startsWith("*.")) {
      return matchesHost(prefix, repository.registry());
    }
    return full.equals(prefix) || full.startsWith(prefix + "/");
  }

  /**
   * Whether the wildcard {@code prefix} ({@code *.example.com}) matches {@code registry}'s host.
   */
  static boolean matchesHost(String prefix, Registry registry) {
    return prefix.startsWith("*.") && registry.host().endsWith(prefix.substring(1));
  }
}
