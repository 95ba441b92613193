package dev.registrykit.testkit;

import java.util.Objects;

/**
 * A user of a fake registry and its password, as the code under test needs them: {@code
 * registry.credentials()} instead of repeating {@code "alice", "secret"} next to the builder.
 *
 * @param username the user name
 * @param password the password; never shown by {@link #toString()}
 */
public record UserCredentials(String username, String password) {
  /** Checks for nulls. */
  public UserCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The user name only. */
  @Override
  public String toString() {
    return "UserCredentials[" + username + ", password=***]";
  }
}
