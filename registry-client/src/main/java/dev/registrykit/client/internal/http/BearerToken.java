package dev.registrykit.client.internal.http;

import dev.registrykit.core.reference.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token with the scopes it was issued for and when it stops being used.
 *
 * @param value the token
 * @param scopes the scopes requested for it
 * @param receivedAt when the client received it (local clock)
 * @param lifetime {@code expires_in}, at most {@link #MAX_LIFETIME}
 * @param refreshToken a refresh token the endpoint returned with it, if any
 */
record BearerToken(
    String value,
    List<Scope> scopes,
    Instant receivedAt,
    Duration lifetime,
    Optional<String> refreshToken) {
  /** The longest safety margin before expiry: a token is not used in its last 30 seconds. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  /**
   * The longest lifetime believed: registries issue tokens for minutes, and an {@code expires_in}
   * of billions of seconds would put the expiry past the last instant the JDK can represent.
   */
  static final Duration MAX_LIFETIME = Duration.ofDays(1);

  BearerToken {
    Objects.requireNonNull(value, "value");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(refreshToken, "refreshToken");
    if (lifetime.compareTo(MAX_LIFETIME) > 0) {
      lifetime = MAX_LIFETIME;
    }
  }

  /**
   * The instant after which the token is no longer sent: expiry minus a margin of a tenth of its
   * lifetime (at most 30 s), so that a request does not reach the registry with a token that
   * expired on the way. Expiry counts from the local receipt time, not the server's {@code
   * issued_at}, so that clock skew between client and token server cannot make every token look
   * expired.
   */
  Instant usableUntil() {
    Duration margin = lifetime.dividedBy(10);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    return receivedAt.plus(lifetime).minus(margin);
  }

  /** Redacted. */
  @Override
  public String toString() {
    return "BearerToken[scopes=" + scopes + ", usableUntil=" + usableUntil() + ", value=██]";
  }
}
