package dev.registrykit.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 2);

  @Test
  void backoff_growsExponentiallyUpToTheCap() {
    assertThat(policy.backoff(1, 0.999999))
        .isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0.999999))
        .isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0.999999))
        .isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
    assertThat(policy.backoff(5, 0.999999))
        .isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(policy.backoff(60, 0.999999))
        .isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
  }

  @Test
  void backoff_jitterStaysInTheUpperHalf() {
    for (int retry = 1; retry < 70; retry++) {
      Duration full = policy.backoff(retry, 0.999999999);
      Duration low = policy.backoff(retry, 0.0);
      assertThat(low.multipliedBy(2)).isBetween(full.minusNanos(2), full.plusNanos(2));
      assertThat(policy.backoff(retry, 0.5)).isBetween(low, full);
    }
  }

  @Test
  void backoff_invalidArguments_throw() {
    assertThatThrownBy(() -> policy.backoff(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_invalidComponents_throw() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void maxTimeoutAttempts_boundedByMaxAttempts() {
    assertThat(RetryPolicy.defaults().maxTimeoutAttempts()).isEqualTo(2);
    assertThat(RetryPolicy.none().maxTimeoutAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().withMaxAttempts(1).maxTimeoutAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().withMaxTimeoutAttempts(5).maxTimeoutAttempts()).isEqualTo(5);
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxTimeoutAttempts(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTimeoutAttempts");
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxTimeoutAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void none_makesOneAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(RetryPolicy.defaults().withMaxAttempts(3).maxAttempts()).isEqualTo(3);
  }
}
