package dev.registrykit.client.internal.http;

import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.core.distribution.RateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * The exception for a 429 the client gave up on, with advice that fits what the registry announced:
 * Docker Hub's limit and window, when to retry, and whether logging in or a mirror would help.
 *
 * @see <a href="https://docs.docker.com/docker-hub/usage/pulls/">Docker Hub pull usage and
 *     limits</a>
 */
final class TooManyRequests {
  private TooManyRequests() {}

  static RateLimitedException exception(
      String operation,
      int attempts,
      Optional<Duration> retryAfter,
      HttpHeaders headers,
      String bodySummary) {
    Optional<RateLimit> limit = RateLimit.fromHeaders(headers::allValues);
    StringBuilder m =
        new StringBuilder("rate limited by the registry (HTTP 429")
            .append(bodySummary)
            .append(") after ")
            .append(attempts)
            .append(attempts == 1 ? " attempt" : " attempts");
    if (limit.isPresent()) {
      RateLimit l = limit.get();
      if (l.limit().isPresent()) {
        m.append("; the limit is ")
            .append(l.limit().getAsLong())
            .append(" pulls")
            .append(l.window().map(w -> " per " + RateLimit.describe(w)).orElse(""));
        if (l.remaining().isPresent()) {
          m.append(", ").append(l.remaining().getAsLong()).append(" left");
        }
      }
      l.source().ifPresent(s -> m.append(", counted for ").append(s));
    }
    m.append(". ");
    if (retryAfter.isPresent()) {
      m.append("Retry after ").append(RateLimit.describe(retryAfter.get())).append(". ");
    } else if (limit.flatMap(RateLimit::reset).isPresent()) {
      m.append("The quota resets in ")
          .append(RateLimit.describe(limit.get().reset().get()))
          .append(". ");
    } else if (limit.flatMap(RateLimit::window).isPresent()) {
      m.append("Pulls become available again as the ")
          .append(RateLimit.describe(limit.get().window().get()))
          .append(" window slides on. ");
    } else {
      m.append("Retry later. ");
    }
    Optional<Boolean> anonymous = limit.flatMap(RateLimit::countsAddress);
    if (anonymous.isPresent() && anonymous.get()) {
      m.append(
          "These pulls were anonymous (counted per IP address): logging in gives the account's higher limit");
    } else if (anonymous.isPresent()) {
      m.append(
          "These pulls were authenticated (counted per account): logging in again will not help, a higher plan would");
    } else {
      m.append("If these requests were anonymous, logging in gives a higher limit");
    }
    m.append(
        "; a mirror or pull-through cache serves pulls without counting against this registry");
    String message = m.toString();
    if (limit.isPresent()) {
      return retryAfter.isPresent()
          ? new RateLimitedException(operation, message, retryAfter.get(), attempts, limit.get())
          : new RateLimitedException(operation, message, attempts, limit.get());
    }
    return retryAfter.isPresent()
        ? new RateLimitedException(operation, message, retryAfter.get(), attempts)
        : new RateLimitedException(operation, message, attempts);
  }
}
