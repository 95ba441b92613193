package dev.registrykit.client.errors;

import java.util.Objects;
import java.util.Optional;

/**
 * The registry refused the client's credentials (or the lack of them) after the authentication flow
 * ran: a {@code 401} that survived a fresh token or Basic credentials, a token endpoint that
 * refused to issue a token, or a token lacking a scope the operation needs ({@code
 * insufficient_scope}).
 *
 * <p>Carries the challenge that failed, in {@code WWW-Authenticate} form (scheme, realm, service,
 * scope — never a secret), so that the message can say what the registry wanted.
 */
public class AuthenticationException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String challenge;
  private final int status;

  /**
   * Creates the exception for a refusal that answered a challenge.
   *
   * @param operation the operation, e.g. {@code PUT manifest localhost:5000/figlet:latest}
   * @param message what was refused and what to do about it; must not contain secrets
   * @param status the HTTP status that ended the flow (401 or 403), or 0 when no response decided
   *     it
   * @param challenge the challenge the client was answering, in header form, e.g. {@code Bearer
   *     realm="https://auth.example/token",service="example"}; must not contain secrets
   */
  public AuthenticationException(String operation, String message, int status, String challenge) {
    super(operation, message);
    this.status = status;
    this.challenge = Objects.requireNonNull(challenge, "challenge");
  }

  /**
   * Creates the exception for a refusal before the registry sent any challenge.
   *
   * @param operation the operation, e.g. {@code PUT manifest localhost:5000/figlet:latest}
   * @param message what was refused and what to do about it; must not contain secrets
   * @param status the HTTP status that ended the flow (401 or 403), or 0 when no response decided
   *     it
   */
  public AuthenticationException(String operation, String message, int status) {
    this(operation, message, status, "");
  }

  /** The HTTP status that ended the authentication flow, or 0 when no response decided it. */
  public int status() {
    return status;
  }

  /**
   * The challenge the client failed to satisfy, in {@code WWW-Authenticate} form, if the registry
   * sent one.
   */
  public Optional<String> challenge() {
    return challenge.isEmpty() ? Optional.empty() : Optional.of(challenge);
  }
}
