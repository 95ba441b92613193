package dev.registrykit.client.errors;

import dev.registrykit.core.distribution.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The registry kept answering {@code 429 Too Many Requests} and the client gave up: its retry
 * policy was used up, or the registry asked to wait longer than the policy allows.
 *
 * <p>Docker Hub's pull limits are the usual cause: authenticate (limits are per account, higher
 * than anonymous ones), use a mirror, or retry after {@link #retryAfter()}. What Docker Hub
 * announced is in {@link #rateLimit()}, and the message says how many pulls the window allows, when
 * to retry, and whether logging in or a mirror would help.
 */
public class RateLimitedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;
  private final int attempts;
  private final transient @Nullable RateLimit rateLimit;

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
    this.rateLimit = null;
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
    this.rateLimit = null;
  }

  /**
   * Creates the exception for a registry that announced its limit ({@code RateLimit-*} headers) and
   * said how long to wait.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param retryAfter how long the registry asked the client to wait ({@code Retry-After})
   * @param attempts how many requests were made
   * @param rateLimit the limit the last 429 announced
   */
  public RateLimitedException(
      String operation, String message, Duration retryAfter, int attempts, RateLimit rateLimit) {
    super(operation, message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.attempts = attempts;
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /**
   * Creates the exception for a registry that announced its limit but did not say how long to wait.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param attempts how many requests were made
   * @param rateLimit the limit the last 429 announced
   */
  public RateLimitedException(String operation, String message, int attempts, RateLimit rateLimit) {
    super(operation, message);
    this.retryAfter = null;
    this.attempts = attempts;
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /**
   * The limit the registry announced with its last 429 (Docker Hub's {@code RateLimit-*} headers),
   * if any.
   */
  public Optional<RateLimit> rateLimit() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * How long the registry asked to wait before the next request, if it sent {@code Retry-After}.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** How many requests the client made before giving up. */
  public int attempts() {
    return attempts;
  }
}
