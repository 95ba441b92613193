package dev.registrykit.interop;

import java.util.Objects;

/**
 * A user name and password for a peer's basic auth (htpasswd users of {@link DistributionRegistry},
 * {@code --creds} of {@link Skopeo}).
 *
 * <p>Immutable. {@link #toString()} never shows the password.
 *
 * @param username the user name; not empty, no {@code ':'} (htpasswd and {@code --creds} split on
 *     it), no line breaks
 * @param password the password; at most 72 UTF-8 bytes (bcrypt's limit), no line breaks
 */
public record PeerCredentials(String username, String password) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a field breaks the rules above
   */
  public PeerCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isEmpty() || username.indexOf(':') >= 0 || hasLineBreak(username)) {
      throw new IllegalArgumentException("username must be non-empty, without ':' or line breaks");
    }
    if (hasLineBreak(password)
        || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
      throw new IllegalArgumentException(
          "password must be at most 72 UTF-8 bytes, without line breaks");
    }
  }

  /**
   * Creates credentials.
   *
   * @param username the user name
   * @param password the password
   * @return the credentials
   * @throws IllegalArgumentException if a field breaks the record's rules
   */
  public static PeerCredentials of(String username, String password) {
    return new PeerCredentials(username, password);
  }

  /** The {@code user:password} form of skopeo's {@code --creds}; a secret, never log it. */
  String colonForm() {
    return username + ":" + password;
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
  }

  /** The user name and a redacted password. */
  @Override
  public String toString() {
    return "PeerCredentials[username=" + username + ", password=***]";
  }
}
