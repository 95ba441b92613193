package dev.registrykit.testkit;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Permissions on the repositories matching a pattern: an exact name ({@code team/app}), a prefix
 * ({@code team/*} matches every repository below {@code team/}) or {@code *} (every repository).
 *
 * @param repositoryPattern the pattern
 * @param permissions the granted actions
 */
public record Grant(String repositoryPattern, Set<Permission> permissions) {
  /** Validates the pattern and copies the set. */
  public Grant {
    Objects.requireNonNull(repositoryPattern, "repositoryPattern");
    if (repositoryPattern.isEmpty()) {
      throw new IllegalArgumentException("empty repository pattern");
    }
    permissions = Set.copyOf(permissions);
  }

  /**
   * A grant of {@code permissions} on the repositories matching {@code repositoryPattern}.
   *
   * @param repositoryPattern exact name, {@code prefix/*} or {@code *}
   * @param permissions the actions
   * @return the grant
   */
  public static Grant of(String repositoryPattern, Permission... permissions) {
    return new Grant(repositoryPattern, Set.of(permissions));
  }

  /**
   * Every permission on every repository.
   *
   * @return the grant
   */
  public static Grant all() {
    return new Grant("*", EnumSet.allOf(Permission.class));
  }

  /**
   * Whether this grant covers {@code repository}.
   *
   * @param repository a repository name
   * @return whether the pattern matches
   */
  public boolean matches(String repository) {
    if (repositoryPattern.equals("*")) {
      return true;
    }
    if (repositoryPattern.endsWith("/*")) {
      String prefix = repositoryPattern.substring(0, repositoryPattern.length() - 1);
      return repository.startsWith(prefix);
    }
    return repositoryPattern.equals(repository);
  }
}
