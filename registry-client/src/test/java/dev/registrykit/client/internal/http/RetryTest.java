package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final Retry retry = new Retry(RetryPolicy.defaults(), clock, sleeper, () -> 0.5);
  private final Call get = Answers.get("https://registry.example/v2/x/tags/list");

  @Test
  void serverError_thenSuccess_retriedOnceAfterBackoff() throws IOException {
    Answers next = new Answers().then(503, "").then(200, "");
    try (HttpResponse response = retry.handle(get, next)) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(next.calls).hasSize(2);
    assertThat(sleeper.sleeps).containsExactly(RetryPolicy.defaults().backoff(1, 0.5));
  }

  @Test
  void tooManyRequests_waitsRetryAfter() throws IOException {
    Answers next = new Answers().then(429, "", "Retry-After", "3").then(200, "");
    retry.handle(get, next).close();
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void tooManyRequests_outlastingThePolicy_isRateLimited() {
    Answers next = new Answers().then(429, "");
    assertThatThrownBy(() -> retry.handle(get, next))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("after 5 attempts");
    assertThat(next.calls).hasSize(RetryPolicy.defaults().maxAttempts());
  }

  @Test
  void retryAfterBeyondTheCap_isNotWaitedFor() {
    Answers next = new Answers().then(429, "", "Retry-After", "86400");
    assertThatThrownBy(() -> retry.handle(get, next)).isInstanceOf(RateLimitedException.class);
    assertThat(next.calls).hasSize(1);
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void nonIdempotent_serverError_isReturned_butTooManyRequests_isRetried() throws IOException {
    Call post =
        CallBuilder.builder(
                "POST", "registry.example", "https://registry.example/v2/x/blobs/uploads/")
            .build();
    Answers failing = new Answers().then(503, "");
    assertThat(retry.handle(post, failing).status()).isEqualTo(503);
    assertThat(failing.calls).hasSize(1);

    Answers limited = new Answers().then(429, "").then(202, "");
    assertThat(retry.handle(post, limited).status()).isEqualTo(202);
    assertThat(limited.calls).hasSize(2);
  }

  @Test
  void bodyThatCannotBeResent_isNeverRetried() throws IOException {
    Call put =
        CallBuilder.builder("PUT", "registry.example", "https://registry.example/v2/x/blobs/u")
            .body(Answers.oneShotBody())
            .build();
    Answers next = new Answers().then(503, "");
    assertThat(retry.handle(put, next).status()).isEqualTo(503);
    assertThat(next.calls).hasSize(1);
  }

  @Test
  void connectionReset_retried_thenGivesUpWithTheAttemptCount() {
    Answers next = new Answers().thenFail(new SocketException("Connection reset"));
    assertThatThrownBy(() -> retry.handle(get, next))
        .isInstanceOfSatisfying(Retry.Exhausted.class, e -> assertThat(e.attempts).isEqualTo(5))
        .hasCauseInstanceOf(SocketException.class);
    assertThat(next.calls).hasSize(5);
  }

  @Test
  void timeouts_triedMaxTimeoutAttemptsTimes() {
    Answers next = new Answers().thenFail(new SocketTimeoutException("Read timed out"));
    assertThatThrownBy(() -> retry.handle(get, next)).isInstanceOf(Retry.Exhausted.class);
    assertThat(next.calls).hasSize(RetryPolicy.defaults().maxTimeoutAttempts());
  }

  @Test
  void decisionOfAnInnerStep_isNotRetried() {
    Answers next = new Answers().thenFail(new RegistryException("GET x", "more than 10 redirects"));
    assertThatThrownBy(() -> retry.handle(get, next)).isInstanceOf(RegistryException.class);
    assertThat(next.calls).hasSize(1);
  }
}
