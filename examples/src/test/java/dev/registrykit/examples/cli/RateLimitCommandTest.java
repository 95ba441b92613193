package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code registrykit ratelimit}: the announced limit, and a 429's advice in one line. */
@Timeout(60)
class RateLimitCommandTest {

  @Test
  void ratelimit_dockerHubStyleHeaders_printed() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      RandomImages.image(7, 1, 64).pushTo(registry, "library/alpine", "latest");
      registry.inject(Fault.rateLimitHeaders(100, 76, Duration.ofHours(6), "192.0.2.1").always());

      CliRun run = CliRun.of("ratelimit", "--insecure", registry.host() + "/library/alpine");

      assertThat(run.assertSuccess().stdout())
          .isEqualTo(
              "limit:     100 per 6 h\nremaining: 76\nsource:    192.0.2.1 (anonymous: counted per IP address)\n");
    }
  }

  @Test
  void ratelimit_noHeaders_saysSo() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      RandomImages.image(8, 1, 64).pushTo(registry, "app", "latest");

      CliRun run = CliRun.of("ratelimit", "--insecure", registry.host() + "/app");

      assertThat(run.assertSuccess().stdout())
          .isEqualTo("no rate limit announced for " + registry.host() + "\n");
    }
  }

  @Test
  void pullLimitReached_oneLineWithTheLimitAndTheAdvice() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      RandomImages.image(9, 1, 64).pushTo(registry, "app", "latest");
      registry.inject(
          Fault.tooManyRequests(Duration.ofHours(2))
              .on(Endpoint.END_3)
              .always()
              .withRateLimitHeaders(100, 0, Duration.ofHours(6), "192.0.2.1"));

      CliRun run = CliRun.of("digest", "--insecure", registry.host() + "/app");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr().lines()).hasSize(1);
      assertThat(run.stderr()).contains("100 pulls per 6 h, 0 left", "logging in", "mirror");
    }
  }
}
