package dev.registrykit.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form of the rate-limit headers Docker Hub documents, the IETF draft's list form, and bad
 * input.
 */
class RateLimitTest {

  /** Headers as a case-insensitive multimap, the way HTTP clients hand them over. */
  private static Optional<RateLimit> parse(String... namesAndValues) {
    return RateLimit.fromHeaders(
        name -> {
          java.util.List<String> values = new java.util.ArrayList<>();
          for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i].equalsIgnoreCase(name)) {
              values.add(namesAndValues[i + 1]);
            }
          }
          return values;
        });
  }

  @Test
  void dockerHubAnonymous_lowerCaseHeadersWithWindows() {
    RateLimit limit =
        parse(
                "ratelimit-limit",
                "100;w=21600",
                "ratelimit-remaining",
                "76;w=21600",
                "docker-ratelimit-source",
                "192.0.2.1")
            .orElseThrow();

    assertThat(limit.limit()).isEqualTo(OptionalLong.of(100));
    assertThat(limit.remaining()).isEqualTo(OptionalLong.of(76));
    assertThat(limit.window()).contains(Duration.ofHours(6));
    assertThat(limit.source()).contains("192.0.2.1");
    assertThat(limit.countsAddress()).contains(true);
    assertThat(limit.isExhausted()).isFalse();
    assertThat(limit).hasToString("76 of 100 left per 6 h (source 192.0.2.1)");
  }

  @Test
  void dockerHubAuthenticated_accountIdSource() {
    RateLimit limit =
        parse(
                "RateLimit-Limit",
                "200;w=21600",
                "RateLimit-Remaining",
                "0;w=21600",
                "Docker-RateLimit-Source",
                "8f2b6d4e-1c3a-4b5d-9e7f-0a1b2c3d4e5f")
            .orElseThrow();

    assertThat(limit.limit()).isEqualTo(OptionalLong.of(200));
    assertThat(limit.isExhausted()).isTrue();
    assertThat(limit.countsAddress()).contains(false);
  }

  @Test
  void dockerHubIpv6Source_isAnAddress() {
    assertThat(
            parse("ratelimit-limit", "100;w=21600", "docker-ratelimit-source", "2600:3c00::")
                .flatMap(RateLimit::countsAddress))
        .contains(true);
  }

  @Test
  void noHeaders_unlimited() {
    assertThat(parse("Content-Type", "application/json", "Docker-RateLimit-Source", "192.0.2.1"))
        .isEmpty();
  }

  @Test
  void ietfDraftListForm_firstMemberIsTheLimitAndItsPolicyGivesTheWindow() {
    RateLimit limit =
        parse(
                "RateLimit-Limit",
                "100, 100;w=21600, 1000;w=86400",
                "RateLimit-Remaining",
                "50",
                "RateLimit-Reset",
                "30")
            .orElseThrow();

    assertThat(limit.limit()).isEqualTo(OptionalLong.of(100));
    assertThat(limit.window()).contains(Duration.ofHours(6));
    assertThat(limit.remaining()).isEqualTo(OptionalLong.of(50));
    assertThat(limit.reset()).contains(Duration.ofSeconds(30));
    assertThat(limit.source()).isEmpty();
    assertThat(limit.countsAddress()).isEmpty();
  }

  @Test
  void unknownParametersAndSpaces_ignored() {
    RateLimit limit =
        parse("RateLimit-Limit", " 100 ; comment=\"pulls\" ; w=\"3600\" ").orElseThrow();

    assertThat(limit.limit()).isEqualTo(OptionalLong.of(100));
    assertThat(limit.window()).contains(Duration.ofHours(1));
    assertThat(limit.remaining()).isEmpty();
    assertThat(limit).hasToString("limit 100 per 1 h");
  }

  @Test
  void onlyRemaining_stillALimit() {
    RateLimit limit = parse("RateLimit-Remaining", "3;w=60").orElseThrow();

    assertThat(limit.limit()).isEmpty();
    assertThat(limit.window()).contains(Duration.ofMinutes(1));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc;w=21600",
        "-1;w=21600",
        "100;w=abc",
        "100;w=0",
        "200=21600",
        "''",
        "1000000000000000000000;w=1",
        "100;w=-5"
      })
  void malformedLimit_treatedAsAbsent(String value) {
    assertThat(parse("RateLimit-Limit", value)).isEmpty();
  }

  @Test
  void source_controlCharactersDroppedAndOverlongIgnored() {
    assertThat(
            parse("RateLimit-Limit", "1", "Docker-RateLimit-Source", "192.0.2.1\u0007")
                .flatMap(RateLimit::source))
        .contains("192.0.2.1");
    assertThat(
            parse("RateLimit-Limit", "1", "Docker-RateLimit-Source", "x".repeat(300))
                .flatMap(RateLimit::source))
        .isEmpty();
  }

  @Test
  void describe_usesTheLargestWholeUnit() {
    assertThat(RateLimit.describe(Duration.ofSeconds(21600))).isEqualTo("6 h");
    assertThat(RateLimit.describe(Duration.ofSeconds(5400))).isEqualTo("90 min");
    assertThat(RateLimit.describe(Duration.ofSeconds(61))).isEqualTo("61 s");
  }
}
