package dev.registrykit.core.javaapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CreationTimeTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);

  @Test
  void parse_acceptsJibsSpellings() {
    assertThat(CreationTime.parse("EPOCH")).isEqualTo(CreationTime.epoch());
    assertThat(CreationTime.parse("use_current_timestamp"))
        .isEqualTo(CreationTime.useCurrentTimestamp());
    assertThat(CreationTime.parse("2024-05-01T14:00:00+02:00").resolve(CLOCK))
        .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
  }

  @Test
  void resolve_givesTheFixedTimeOrNowInWholeSeconds() {
    assertThat(CreationTime.epoch().resolve(CLOCK)).isEqualTo(Instant.EPOCH);
    assertThat(CreationTime.useCurrentTimestamp().resolve(CLOCK))
        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(CreationTime.useCurrentTimestamp().isReproducible()).isFalse();
    assertThat(CreationTime.epoch().isReproducible()).isTrue();
  }

  @Test
  void parse_rejectsAnythingElseNamingTheValue() {
    assertThatThrownBy(() -> CreationTime.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"yesterday\"");
    assertThatThrownBy(() -> CreationTime.parse("2024-05-01T12:00:00"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
