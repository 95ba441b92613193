package dev.registrykit.client;

import dev.registrykit.client.ratelimit.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry kept answering {@code 429 Too Many Requests} and the client gave up: its {@link
 * RetryPolicy} was used up, or the registry asked to wait longer than {@link
 * RetryPolicy#maxRetryAfter()}.
 *
 * <p>Docker Hub's pull limits are the usual cause: authenticate (limits are per account, higher than
 * anonymous ones), use a mirror, or retry after {@link #retryAfter()}. What Docker Hub announced is
 * in {@link #rateLimit()}, and the message says how many pulls the window allows, when to retry, and
 * whether logging in or a mirror would help.
 */
public class RateLimitedException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final transient Optional<Duration> retryAfter;
  private final int attempts;
  private final transient Optional<RateLimit> rateLimit;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param retryAfter how long the registry asked the client to wait, if it said
   * @param attempts how many requests were made
   */
  public RateLimitedException(String operation, String message, Optional<Duration> retryAfter, int attempts) {
    this(operation, message, retryAfter, attempts, Optional.empty());
  }

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code GET manifest docker.io/library/alpine:3.19}
   * @param message what happened and what to do
   * @param retryAfter how long the registry asked the client to wait, if it said
   * @param attempts how many requests were made
   * @param rateLimit the limit the last 429 announced, if it did
   */
  public RateLimitedException(
      String operation, String message, Optional<Duration> retryAfter, int attempts, Optional<RateLimit> rateLimit) {
    super(operation, message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    this.attempts = attempts;
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /** The limit the registry announced with its last 429 (Docker Hub's {@code RateLimit-*} headers), if any. */
  public Optional<RateLimit> rateLimit() {
    return rateLimit == null ? Optional.empty() : rateLimit;
  }

  /** How long the registry asked to wait before the next request, if it sent {@code Retry-After}. */
  public Optional<Duration> retryAfter() {
    return retryAfter == null ? Optional.empty() : retryAfter;
  }

  /** How many requests the client made before giving up. */
  public int attempts() {
    return attempts;
  }
}
