package dev.registrykit.client.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * What the client presents to a registry. One of {@link Anonymous}, {@link UsernamePassword},
 * {@link IdentityToken} (an OAuth2 refresh token, Docker's {@code identitytoken}) and {@link
 * RegistryToken} (a ready bearer token, sent as it is).
 *
 * <p>All implementations are immutable records whose {@code toString()} never shows the secret.
 */
public sealed interface Credential
    permits Credential.Anonymous,
        Credential.UsernamePassword,
        Credential.IdentityToken,
        Credential.RegistryToken {

  /** No credentials: anonymous bearer tokens only. */
  static Credential anonymous() {
    return Anonymous.INSTANCE;
  }

  /** A user name and password (or a personal access token used as password). */
  static Credential usernamePassword(String username, String password) {
    return new UsernamePassword(username, password);
  }

  /**
   * An identity (refresh) token, exchanged for bearer tokens with OAuth2 {@code
   * grant_type=refresh_token}.
   */
  static Credential identityToken(String token) {
    return new IdentityToken(Optional.empty(), token);
  }

  /** A bearer token sent as {@code Authorization: Bearer …} without any token flow. */
  static Credential registryToken(String token) {
    return new RegistryToken(token);
  }

  /** No credentials. */
  record Anonymous() implements Credential {
    private static final Anonymous INSTANCE = new Anonymous();
  }

  /**
   * A user name and password.
   *
   * @param username the user name, not empty
   * @param password the password or access token
   */
  record UsernamePassword(String username, String password) implements Credential {
    /** Validates the components. */
    public UsernamePassword {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isEmpty()) {
        throw new IllegalArgumentException("username is empty");
      }
      if (username.indexOf(':') >= 0) {
        // Basic auth joins user and password with ':' (RFC 7617 section 2).
        throw new IllegalArgumentException("username must not contain ':'");
      }
    }

    /** The user name; the password is redacted. */
    @Override
    public String toString() {
      return "UsernamePassword[username=" + username + ", password=██]";
    }
  }

  /**
   * An OAuth2 refresh token (Docker's {@code identitytoken}).
   *
   * @param username the user it belongs to, when known (used only if the token endpoint lacks
   *     OAuth2)
   * @param token the refresh token
   */
  record IdentityToken(Optional<String> username, String token) implements Credential {
    /** Validates the components. */
    public IdentityToken {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new IllegalArgumentException("identity token is empty");
      }
    }

    /** The user, if any; the token is redacted. */
    @Override
    public String toString() {
      return "IdentityToken[username=" + username.orElse("") + ", token=██]";
    }
  }

  /**
   * A bearer token for the registry, sent as it is.
   *
   * @param token the token
   */
  record RegistryToken(String token) implements Credential {
    /** Validates the component. */
    public RegistryToken {
      Objects.requireNonNull(token, "token");
      if (token.isEmpty()) {
        throw new IllegalArgumentException("registry token is empty");
      }
    }

    /** Redacted. */
    @Override
    public String toString() {
      return "RegistryToken[██]";
    }
  }
}
