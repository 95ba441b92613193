package dev.registrykit.maven;

import org.jspecify.annotations.Nullable;

/**
 * {@code <auth><username>…</username><password>…</password></auth>} of {@code from} or {@code to}.
 */
public final class AuthConfiguration {
  @Nullable String username;
  @Nullable String password;

  @Override
  public String toString() {
    return "auth["
        + (username == null ? "" : username)
        + ", password "
        + (password == null ? "unset" : "set")
        + "]";
  }
}
