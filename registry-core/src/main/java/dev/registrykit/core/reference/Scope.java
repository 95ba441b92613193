package dev.registrykit.core.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One access scope of a bearer token request: {@code repository:library/alpine:pull,push}.
 *
 * <p>The wire form is {@code resourcetype:resourcename:action[,action]*}; the resource type may
 * carry a class ({@code repository(plugin)}) and the name may contain {@code :} (a registry with a
 * port), so the type ends at the first colon and the actions start after the last. Actions are kept
 * sorted, so {@code toString()} is canonical and {@code parse(s.toString()).equals(s)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param resourceType {@code repository}, {@code registry}, …
 * @param resourceName the repository name ({@code library/alpine}) or {@code catalog}
 * @param actions {@code pull}, {@code push}, {@code delete}, {@code *}; not empty
 * @see <a href="https://distribution.github.io/distribution/spec/auth/scope/">Token scope
 *     documentation</a>
 */
public record Scope(String resourceType, String resourceName, Set<String> actions) {
  /** Validates and copies the components. */
  public Scope {
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(actions, "actions");
    if (resourceType.isEmpty() || resourceName.isEmpty()) {
      throw new IllegalArgumentException("scope resource type and name must not be empty");
    }
    checkNoSeparators("resource type", resourceType, true);
    checkNoSeparators("resource name", resourceName, false);
    SortedSet<String> sorted = new TreeSet<>();
    for (String action : actions) {
      Objects.requireNonNull(action, "action");
      if (action.isEmpty() || action.indexOf(',') >= 0) {
        throw new IllegalArgumentException("invalid scope action '" + action + "'");
      }
      checkNoSeparators("action", action, true);
      sorted.add(action);
    }
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("a scope needs at least one action");
    }
    actions = Collections.unmodifiableSortedSet(sorted);
  }

  /**
   * A repository scope by the repository's path: {@code repository("library/alpine", "pull")}. With
   * a {@link Repository} at hand, {@link Repository#scope(String...)} says the same.
   */
  public static Scope repository(String path, String... actions) {
    return new Scope("repository", path, new HashSet<>(Arrays.asList(actions)));
  }

  /** The scope to list the registry's catalog: {@code registry:catalog:*}. */
  public static Scope catalog() {
    return new Scope("registry", "catalog", Set.of("*"));
  }

  /**
   * Parses {@code type:name:actions}.
   *
   * @throws IllegalArgumentException when {@code s} is not a scope
   */
  public static Scope parse(String s) {
    Objects.requireNonNull(s, "s");
    int first = s.indexOf(':');
    int last = s.lastIndexOf(':');
    if (first <= 0 || last == first || last == s.length() - 1) {
      throw new IllegalArgumentException("not a scope (type:name:actions): '" + s + "'");
    }
    List<String> actions = List.of(s.substring(last + 1).split(",", -1));
    return new Scope(s.substring(0, first), s.substring(first + 1, last), Set.copyOf(actions));
  }

  /** Parses {@code s}, or empty when it is not a scope. */
  public static Optional<Scope> tryParse(String s) {
    try {
      return Optional.of(parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a space-separated list as found in a challenge's {@code scope} parameter; entries that
   * are not scopes are skipped.
   */
  public static List<Scope> parseList(String spaceSeparated) {
    List<Scope> scopes = new ArrayList<>();
    for (String part : spaceSeparated.trim().split(" +")) {
      tryParse(part).ifPresent(scopes::add);
    }
    return merge(scopes);
  }

  /**
   * Merges scopes on the same resource into one with the union of their actions, sorted by wire
   * form: {@code [repository:a:pull, repository:a:push]} becomes {@code [repository:a:pull,push]}.
   */
  public static List<Scope> merge(Collection<Scope> scopes) {
    Map<String, Scope> byResource = new TreeMap<>();
    for (Scope scope : scopes) {
      byResource.merge(scope.resourceType + ":" + scope.resourceName, scope, Scope::union);
    }
    return List.copyOf(byResource.values());
  }

  /**
   * This scope with the actions of {@code other} added.
   *
   * @throws IllegalArgumentException when {@code other} is about another resource
   */
  public Scope union(Scope other) {
    if (!sameResource(other)) {
      throw new IllegalArgumentException("cannot merge scopes on different resources");
    }
    Set<String> all = new TreeSet<>(actions);
    all.addAll(other.actions);
    return new Scope(resourceType, resourceName, all);
  }

  /**
   * Whether a token for this scope also grants {@code other} (same resource, a superset of actions,
   * or {@code *}).
   */
  public boolean covers(Scope other) {
    return sameResource(other) && (actions.contains("*") || actions.containsAll(other.actions));
  }

  /** Whether every scope in {@code wanted} is covered by one in {@code granted}. */
  public static boolean coversAll(Collection<Scope> granted, Collection<Scope> wanted) {
    for (Scope w : wanted) {
      if (granted.stream().noneMatch(g -> g.covers(w))) {
        return false;
      }
    }
    return true;
  }

  private boolean sameResource(Scope other) {
    return resourceType.equals(other.resourceType) && resourceName.equals(other.resourceName);
  }

  /** The wire form: {@code repository:library/alpine:pull,push}. */
  @Override
  public String toString() {
    return resourceType + ":" + resourceName + ":" + String.join(",", actions);
  }

  private static void checkNoSeparators(String what, String value, boolean colonForbidden) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '"' || (colonForbidden && c == ':')) {
        throw new IllegalArgumentException(
            "invalid character in scope " + what + " at position " + i);
      }
    }
  }
}
