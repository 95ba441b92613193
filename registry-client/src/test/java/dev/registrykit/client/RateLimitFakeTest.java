package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rate limits as the fake announces them, like Docker Hub: {@code rateLimit(reference)} and 429s.
 */
@Timeout(60)
class RateLimitFakeTest {

  @Test
  void rateLimit_headOfTheManifest_readsTheHeadersAndIsNoPull() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(3, 1, 64).pushTo(fake, "library/alpine", "3.19");
      fake.inject(
          Fault.headers().withRateLimitHeaders(100, 76, Duration.ofHours(6), "192.0.2.1").always());
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        Optional<RateLimit> limit =
            client.rateLimit(ImageReference.parse(fake.host() + "/library/alpine:3.19"));

        assertThat(limit).isPresent();
        assertThat(limit.get().remaining()).isEqualTo(OptionalLong.of(76));
        assertThat(limit.get().window()).contains(Duration.ofHours(6));
        assertThat(fake.requests())
            .anyMatch(e -> e.method().equals("HEAD") && e.path().contains("/manifests/"));
        assertThat(fake.requests())
            .noneMatch(e -> e.method().equals("GET") && e.path().contains("/manifests/"));
      }
    }
  }

  @Test
  void rateLimit_unlimitedRegistry_isEmpty() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(4, 1, 64).pushTo(fake, "app", "latest");
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        assertThat(client.rateLimit(ImageReference.parse(fake.host() + "/app"))).isEmpty();
      }
    }
  }

  @Test
  void tooManyRequests_anonymousDockerHubStyle_sayHowManyWhenAndThatLoginOrAMirrorHelps()
      throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(5, 1, 64).pushTo(fake, "library/alpine", "3.19");
      fake.inject(
          Fault.tooManyRequests(Duration.ofSeconds(3600))
              .on(Endpoint.END_3)
              .withRateLimitHeaders(100, 0, Duration.ofHours(6), "192.0.2.1"));
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        RateLimitedException e =
            catchThrowableOfType(
                RateLimitedException.class,
                () ->
                    client.getManifest(ImageReference.parse(fake.host() + "/library/alpine:3.19")));

        assertThat(e.rateLimit().flatMap(RateLimit::source)).contains("192.0.2.1");
        assertThat(e.rateLimit().map(RateLimit::isExhausted)).contains(true);
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.getMessage())
            .contains(
                "the limit is 100 pulls per 6 h, 0 left",
                "Retry after 1 h",
                "anonymous",
                "logging in gives the account's higher limit",
                "mirror");
      }
    }
  }

  @Test
  void tooManyRequests_authenticatedWithoutRetryAfter_saysLoginWillNotHelpAndWhenPullsReturn()
      throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(6, 1, 64).pushTo(fake, "app", "1");
      fake.inject(
          Fault.status(429)
              .on(Endpoint.END_3)
              .withRateLimitHeaders(
                  200, 0, Duration.ofHours(6), "8f2b6d4e-1c3a-4b5d-9e7f-0a1b2c3d4e5f"));
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        RateLimitedException e =
            catchThrowableOfType(
                RateLimitedException.class,
                () -> client.getManifest(ImageReference.parse(fake.host() + "/app:1")));

        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage())
            .contains(
                "200 pulls per 6 h",
                "as the 6 h window slides on",
                "logging in again will not help");
      }
    }
  }
}
