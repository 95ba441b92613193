package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.remote.PullResult;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.fixtures.GeneratedIndex;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits as the fake announces them, like Docker Hub: {@code rateLimit(reference)} and 429s.
 */
@Timeout(60)
class RateLimitFakeTest {
  @TempDir Path dir;

  private static Fault remaining(long left) {
    return Fault.headers(
        "RateLimit-Limit",
        "100;w=21600",
        "RateLimit-Remaining",
        left + ";w=21600",
        "Docker-RateLimit-Source",
        "192.0.2.1");
  }

  @Test
  void getManifest_carriesTheLimitItsResponseAnnounced() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(7, 1, 64).pushTo(fake, "library/alpine", "3.19");
      fake.inject(remaining(76).on(Endpoint.END_3).always());
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        ManifestResponse manifest =
            client.getManifest(ImageReference.parse(fake.host() + "/library/alpine:3.19"));

        assertThat(manifest.rateLimit().map(RateLimit::remaining)).contains(OptionalLong.of(76));
        assertThat(manifest.rateLimit().flatMap(RateLimit::source)).contains("192.0.2.1");
      }
    }
  }

  @Test
  void pullOfAnIndex_resultCarriesTheLastLimitAnnounced() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      GeneratedIndex index = RandomImages.index(8, List.of("linux/amd64", "linux/arm64"), 1, 64);
      index.pushTo(fake, "library/multi", "1");
      // Three manifest GETs (the index, then each image): 99, 98, then 97 for the last.
      fake.inject(
          remaining(99).on(Endpoint.END_3).times(1),
          remaining(98).on(Endpoint.END_3).times(1),
          remaining(97).on(Endpoint.END_3).always());
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        PullResult pulled =
            Remote.pull(
                client,
                ImageReference.parse(fake.host() + "/library/multi:1"),
                dir.resolve("layout"),
                TransferOptions.defaults());

        assertThat(pulled.descriptor().digest()).isEqualTo(index.digest());
        assertThat(pulled.rateLimit().map(RateLimit::remaining)).contains(OptionalLong.of(97));
        assertThat(pulled.servedBy()).isNotEmpty();
      }
    }
  }

  @Test
  void pullWithoutAnnouncedLimit_resultHasNone() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(9, 1, 64).pushTo(fake, "app", "1");
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        PullResult pulled =
            Remote.pull(
                client,
                ImageReference.parse(fake.host() + "/app:1"),
                dir.resolve("layout"),
                TransferOptions.defaults());

        assertThat(pulled.rateLimit()).isEmpty();
      }
    }
  }

  @Test
  void push_resultCarriesTheTargetsLastLimit() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      fake.inject(remaining(42).on(Endpoint.END_7A).always());
      try (RegistryClient client = TestClients.plain(Registry.parse(fake.host())).build()) {
        ImageReference target = ImageReference.parse(fake.host() + "/team/app:1");
        PushResult pushed =
            Remote.push(
                client,
                RandomImages.image(10, 1, 64).asImage(),
                target,
                TransferOptions.defaults());

        assertThat(pushed.rateLimit().map(RateLimit::remaining)).contains(OptionalLong.of(42));
        assertThat(pushed.sourceRateLimit()).isEmpty();
        assertThat(client.lastRateLimit(target.repository())).isEqualTo(pushed.rateLimit());
      }
    }
  }

  @Test
  void copy_resultCarriesTheSourcesAndTheTargetsLimits() throws IOException {
    try (FakeRegistry source = FakeRegistry.start();
        FakeRegistry target = FakeRegistry.start()) {
      RandomImages.image(11, 2, 64).pushTo(source, "library/alpine", "3.19");
      source.inject(remaining(12).on(Endpoint.END_3).always());
      target.inject(Fault.headers("RateLimit-Limit", "5000").on(Endpoint.END_7A).always());
      try (RegistryClient client =
          TestClients.plain(Registry.parse(source.host()), Registry.parse(target.host())).build()) {
        PushResult copied =
            Remote.copy(
                client,
                ImageReference.parse(source.host() + "/library/alpine:3.19"),
                ImageReference.parse(target.host() + "/mirror/alpine:3.19"),
                TransferOptions.defaults());

        assertThat(copied.sourceRateLimit().map(RateLimit::remaining))
            .contains(OptionalLong.of(12));
        assertThat(copied.rateLimit().map(RateLimit::limit)).contains(OptionalLong.of(5000));
        assertThat(client.lastRateLimit(Repository.parse(source.host() + "/library/alpine")))
            .isEqualTo(copied.sourceRateLimit());
      }
    }
  }

  @Test
  void rateLimit_headOfTheManifest_readsTheHeadersAndIsNoPull() throws IOException {
    try (FakeRegistry fake = FakeRegistry.start()) {
      RandomImages.image(3, 1, 64).pushTo(fake, "library/alpine", "3.19");
      fake.inject(
          Fault.headers(
                  "ratelimit-limit",
                  "100;w=21600",
                  "ratelimit-remaining",
                  "76;w=21600",
                  "docker-ratelimit-source",
                  "192.0.2.1")
              .always());
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
              .withHeaders(
                  "ratelimit-limit",
                  "100;w=21600",
                  "ratelimit-remaining",
                  "0;w=21600",
                  "docker-ratelimit-source",
                  "192.0.2.1"));
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
              .withHeaders(
                  "RateLimit-Limit",
                  "200;w=21600",
                  "RateLimit-Remaining",
                  "0;w=21600",
                  "Docker-RateLimit-Source",
                  "8f2b6d4e-1c3a-4b5d-9e7f-0a1b2c3d4e5f"));
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
