package dev.registrykit.client.config;

import dev.registrykit.client.errors.RateLimitedException;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the client retries a failed step: {@code 429 Too Many Requests},
 * {@code 502}/{@code 503}/{@code 504}, and connection resets or timeouts on idempotent steps.
 *
 * <p>Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, with
 * jitter (each wait is between half and all of the exponential value), so that many clients hitting
 * one registry spread out. A {@code Retry-After} header from the registry replaces the computed
 * wait; when it asks for longer than {@link #maxRetryAfter()} the client gives up at once (with
 * {@link RateLimitedException} for a 429) rather than block a build for hours.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxAttempts attempts in total, including the first; 1 disables retries
 * @param initialBackoff the wait before the first retry (before jitter)
 * @param maxBackoff the longest computed wait between two attempts
 * @param maxRetryAfter the longest {@code Retry-After} the client is willing to honour
 * @param maxTimeoutAttempts attempts of one step that may end in a timeout (no answer in time), at
 *     most {@code maxAttempts}: a registry that stopped answering once is tried this often, not for
 *     the whole policy, since each timeout already waited as long as the transport allows
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    int maxTimeoutAttempts) {
  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(
          5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120), 2);

  /** Validates the components. */
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (maxTimeoutAttempts < 1 || maxTimeoutAttempts > maxAttempts) {
      throw new IllegalArgumentException(
          "maxTimeoutAttempts must be between 1 and maxAttempts ("
              + maxAttempts
              + "), was "
              + maxTimeoutAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (initialBackoff.compareTo(maxBackoff) > 0) {
      throw new IllegalArgumentException("initialBackoff must not exceed maxBackoff");
    }
  }

  /**
   * Five attempts, 500 ms growing to 30 s between them, {@code Retry-After} honoured up to 2
   * minutes; a step that timed out is tried twice at most.
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** A single attempt: nothing is retried. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1);
  }

  /**
   * This policy with another number of attempts; the attempts after a timeout are kept, or lowered
   * to {@code attempts}.
   */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(
        attempts,
        initialBackoff,
        maxBackoff,
        maxRetryAfter,
        Math.max(1, Math.min(maxTimeoutAttempts, attempts)));
  }

  /** This policy with other exponential backoff bounds. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, maxTimeoutAttempts);
  }

  /** This policy with another cap on {@code Retry-After}. */
  public RetryPolicy withMaxRetryAfter(Duration cap) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, cap, maxTimeoutAttempts);
  }

  /**
   * This policy with another number of attempts for a step that times out (1: a registry that
   * stopped answering is not asked again).
   *
   * @throws IllegalArgumentException when {@code attempts} is below 1 or above {@link
   *     #maxAttempts()}
   */
  public RetryPolicy withMaxTimeoutAttempts(int attempts) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, attempts);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry).
   *
   * @param retry the retry number, at least 1
   * @param random a value in [0, 1) choosing where in the jitter range the wait falls
   * @return {@code min(maxBackoff, initialBackoff * 2^(retry-1))} scaled into its upper half by
   *     {@code random}
   */
  public Duration backoff(int retry, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be at least 1, was " + retry);
    }
    if (!(random >= 0 && random < 1)) {
      throw new IllegalArgumentException("random must be in [0, 1)");
    }
    long initial = initialBackoff.toNanos();
    long max = maxBackoff.toNanos();
    long exponential = initial;
    for (int i = 1; i < retry && exponential < max; i++) {
      exponential = exponential > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : exponential * 2;
    }
    long capped = Math.min(exponential, max);
    // "Equal jitter": half fixed, half random. Never zero unless the policy says so, never above
    // the cap.
    long half = capped / 2;
    return Duration.ofNanos(capped - half + (long) (random * half));
  }
}
