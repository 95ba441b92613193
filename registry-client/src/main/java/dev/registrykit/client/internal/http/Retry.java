package dev.registrykit.client.internal.http;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.distribution.Headers;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The retry rule: 429, 502, 503, 504 and connection failures are tried again per the {@link
 * RetryPolicy} (backoff with jitter, {@code Retry-After} honoured up to its cap), a timed-out step
 * at most {@link RetryPolicy#maxTimeoutAttempts()} times. Only a call whose body can be sent again
 * is retried, and only an idempotent one after a 5xx or a connection failure (a 429 means the
 * request was not processed). A 429 that outlasts the policy is a {@link
 * dev.registrykit.client.errors.RateLimitedException}; a connection failure that does is rethrown
 * as {@link Exhausted}, for {@link FailureMapping}.
 */
final class Retry implements Step {
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  Retry(RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier random) {
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    boolean repeatable = call.bodyRepeatable();
    int attempt = 0;
    int timeouts = 0;
    while (true) {
      attempt++;
      HttpResponse response;
      try {
        response = next.proceed(call);
      } catch (RegistryException e) {
        throw e; // decided by an inner step: trying again cannot change it
      } catch (IOException e) {
        if (e instanceof SocketTimeoutException) {
          timeouts++;
        }
        if (!(FailureMapping.isRetryable(e)
            && call.idempotent()
            && repeatable
            && attempt < policy.maxAttempts()
            && timeouts < policy.maxTimeoutAttempts())) {
          throw attempt == 1 ? e : new Exhausted(attempt, e);
        }
        Duration wait = policy.backoff(attempt, random.getAsDouble());
        log(call, FailureMapping.safeMessage(e), attempt, wait);
        sleeper.sleep(wait);
        continue;
      }
      int status = response.status();
      if (status != 429 && status != 502 && status != 503 && status != 504) {
        return response;
      }
      Optional<Duration> retryAfter = retryAfter(response.headers(), clock.instant());
      boolean allowed = repeatable && (call.idempotent() || status == 429);
      boolean tooLong =
          retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0;
      if (!allowed || tooLong || attempt >= policy.maxAttempts()) {
        if (status == 429) {
          throw Errors.rateLimited(call.operation(), attempt, retryAfter, response);
        }
        return response;
      }
      int retry = attempt;
      Duration wait = retryAfter.orElseGet(() -> policy.backoff(retry, random.getAsDouble()));
      log(call, "HTTP " + status, attempt, wait);
      Responses.discard(response);
      sleeper.sleep(wait);
    }
  }

  private static void log(Call call, String why, int attempt, Duration wait) {
    Pipeline.LOG.info("{}: {}; retry {} in {} ms", call.operation(), why, attempt, wait.toMillis());
  }

  /**
   * {@code Retry-After} as delta-seconds or HTTP-date (RFC 9110 section 10.2.3), never negative.
   */
  static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue(Headers.RETRY_AFTER).map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    if (v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(
            Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)); // absurdly long: give up
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A connection failure the retries did not overcome: the last one, and how many attempts. */
  static final class Exhausted extends IOException {
    private static final long serialVersionUID = 1L;

    final int attempts;
    final IOException last;

    Exhausted(int attempts, IOException last) {
      super(last.getMessage(), last);
      this.attempts = attempts;
      this.last = last;
    }
  }
}
