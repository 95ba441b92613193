package dev.registrykit.core.javaapp;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The creation time an image records: the epoch (the default, so the same inputs give the same
 * image digest), a fixed instant, or the build's current time ({@code USE_CURRENT_TIMESTAMP}, which
 * makes every build a new image). The same choices and spellings as Jib's {@code creationTime}.
 *
 * <p>Immutable.
 */
public final class CreationTime {
  private static final CreationTime EPOCH = new CreationTime(Optional.of(Instant.EPOCH));
  private static final CreationTime CURRENT = new CreationTime(Optional.empty());

  /** The fixed time, or empty for "the time of the build". */
  private final Optional<Instant> fixed;

  private CreationTime(Optional<Instant> fixed) {
    this.fixed = fixed;
  }

  /** The epoch, 1970-01-01T00:00:00Z: reproducible. */
  public static CreationTime epoch() {
    return EPOCH;
  }

  /** A fixed instant (e.g. the last commit's time): reproducible. */
  public static CreationTime at(Instant instant) {
    return new CreationTime(Optional.of(Objects.requireNonNull(instant, "instant")));
  }

  /** The time of each build: not reproducible. */
  public static CreationTime useCurrentTimestamp() {
    return CURRENT;
  }

  /**
   * Parses {@code EPOCH}, {@code USE_CURRENT_TIMESTAMP} (case-insensitive), or an ISO-8601 time
   * with a zone offset ({@code 2024-05-01T12:00:00Z}, {@code 2024-05-01T14:00:00+02:00}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static CreationTime parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    if (value.equalsIgnoreCase("EPOCH")) {
      return EPOCH;
    }
    if (value.equalsIgnoreCase("USE_CURRENT_TIMESTAMP")) {
      return CURRENT;
    }
    try {
      return at(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "creation time must be EPOCH, USE_CURRENT_TIMESTAMP or an ISO-8601 time with an offset (2024-05-01T12:00:00Z): \""
              + text
              + "\"",
          e);
    }
  }

  /** Whether the same inputs give the same time (everything but {@code USE_CURRENT_TIMESTAMP}). */
  public boolean isReproducible() {
    return fixed.isPresent();
  }

  /** The instant to record: the fixed one, or {@code clock}'s now truncated to seconds. */
  public Instant resolve(Clock clock) {
    return fixed.orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CreationTime other && fixed.equals(other.fixed);
  }

  @Override
  public int hashCode() {
    return fixed.hashCode();
  }

  @Override
  public String toString() {
    return fixed
        .map(i -> i.equals(Instant.EPOCH) ? "EPOCH" : i.toString())
        .orElse("USE_CURRENT_TIMESTAMP");
  }
}
