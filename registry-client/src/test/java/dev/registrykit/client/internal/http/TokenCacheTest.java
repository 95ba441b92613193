package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.reference.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<Scope> PULL = List.of(Scope.repository("a", "pull"));
  private static final List<Scope> PUSH = List.of(Scope.repository("a", "pull", "push"));

  private final TokenCache cache = new TokenCache();

  private static BearerToken token(String value, List<Scope> scopes, Duration lifetime) {
    return new BearerToken(value, scopes, T0, lifetime, Optional.empty());
  }

  @Test
  void find_beforeExpiryMinusMargin_returnsToken() {
    cache.put("r", token("t", PULL, Duration.ofSeconds(60)));
    assertThat(cache.find("r", PULL, T0.plusSeconds(53))).isPresent();
    assertThat(cache.find("r", PULL, T0.plusSeconds(54))).isEmpty(); // 6 s margin on a 60 s token
  }

  @Test
  void find_longLivedToken_marginCappedAt30Seconds() {
    cache.put("r", token("t", PULL, Duration.ofHours(1)));
    assertThat(cache.find("r", PULL, T0.plusSeconds(3600 - 31))).isPresent();
    assertThat(cache.find("r", PULL, T0.plusSeconds(3600 - 30))).isEmpty();
  }

  @Test
  void anExpiresInOfBillionsOfSeconds_isBelievedForADay_andDoesNotOverflowTheExpiry() {
    BearerToken token =
        new BearerToken("t", List.of(), T0, Duration.ofSeconds(Long.MAX_VALUE), Optional.empty());

    assertThat(token.lifetime()).isEqualTo(BearerToken.MAX_LIFETIME);
    assertThat(token.usableUntil()).isEqualTo(T0.plus(Duration.ofDays(1)).minusSeconds(30));
  }

  @Test
  void find_widerTokenServesNarrowerScope_notTheOtherWay() {
    cache.put("r", token("push", PUSH, Duration.ofMinutes(5)));
    assertThat(cache.find("r", PULL, T0)).map(BearerToken::value).contains("push");
    cache.invalidate("r", "push");
    cache.put("r", token("pull", PULL, Duration.ofMinutes(5)));
    assertThat(cache.find("r", PUSH, T0)).isEmpty();
    assertThat(cache.find("other", PULL, T0)).isEmpty();
  }

  @Test
  void invalidate_removesOnlyThatToken() {
    cache.put("r", token("a", PULL, Duration.ofMinutes(5)));
    cache.put("r", token("b", List.of(Scope.repository("b", "pull")), Duration.ofMinutes(5)));
    cache.invalidate("r", "a");
    assertThat(cache.find("r", PULL, T0)).isEmpty();
    assertThat(cache.find("r", List.of(Scope.repository("b", "pull")), T0)).isPresent();
  }

  @Test
  void toString_redactsTheToken() {
    assertThat(token("very-secret-token", PULL, Duration.ofMinutes(1)).toString())
        .doesNotContain("very-secret-token");
  }
}
