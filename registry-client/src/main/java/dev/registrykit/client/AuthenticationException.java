package dev.registrykit.client;

import dev.registrykit.client.auth.Challenge;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry refused the client's credentials (or the lack of them) after the authentication flow
 * ran: a {@code 401} that survived a fresh token or Basic credentials, a token endpoint that refused
 * to issue a token, or a token lacking a scope the operation needs ({@code insufficient_scope}).
 *
 * <p>Carries the challenge that failed (scheme, realm, service, scope — never a secret) so that the
 * message can say what the registry wanted.
 */
public class AuthenticationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<Challenge> challenge;
  private final int status;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code PUT manifest localhost:5000/figlet:latest}
   * @param message what was refused and what to do about it; must not contain secrets
   * @param status the HTTP status that ended the flow (401 or 403), or 0 when no response decided it
   * @param challenge the challenge the client was answering, if any
   */
  public AuthenticationException(String operation, String message, int status, Optional<Challenge> challenge) {
    super(operation, message);
    this.status = status;
    this.challenge = Objects.requireNonNull(challenge, "challenge");
  }

  /** The HTTP status that ended the authentication flow, or 0 when no response decided it. */
  public int status() {
    return status;
  }

  /** The challenge the client failed to satisfy, if the registry sent one. */
  public Optional<Challenge> challenge() {
    return challenge == null ? Optional.empty() : challenge;
  }
}
