package dev.registrykit.client.errors;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry kept answering {@code 429 Too Many Requests} and the client gave up: its retry
 * policy was used up, or the registry asked to wait longer than the policy allows.
 *
 * <p>Docker Hub's pull limits are the usual cause: authenticate (limits are per account, higher than
 * anonymous ones), use a mirror, or retry after {@link #retryAfter()}.
 */
public class RateLimitedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;
  private final int attempts;

  /**
   * Creates the exception for a registry that said how long to wait.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param retryAfter how long the registry asked the client to wait ({@code Retry-After})
   * @param attempts how many requests were made
   */
  public RateLimitedException(String operation, String message, Duration retryAfter, int attempts) {
    super(operation, message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.attempts = attempts;
  }

  /**
   * Creates the exception for a registry that did not say how long to wait.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param attempts how many requests were made
   */
  public RateLimitedException(String operation, String message, int attempts) {
    super(operation, message);
    this.retryAfter = null;
    this.attempts = attempts;
  }

  /** How long the registry asked to wait before the next request, if it sent {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** How many requests the client made before giving up. */
  public int attempts() {
    return attempts;
  }
}
