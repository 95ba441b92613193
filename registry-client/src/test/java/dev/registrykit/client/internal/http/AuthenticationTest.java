package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private static final String BEARER =
      "Bearer realm=\"https://auth.example/token\",service=\"registry.example\"";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final Answers tokenEndpoint =
      new Answers()
          .then(
              call ->
                  Answers.response(
                      call, 200, "{\"token\":\"tok-" + tokensIssued.incrementAndGet() + "\"}"));

  private Authentication authentication(
      CredentialProvider credentials, String base, String challenge) {
    Sessions sessions = new Sessions(credentials);
    Sessions.Session session = sessions.of("registry.example");
    session.base = URI.create(base);
    session.challenge = Authentication.usable(Challenge.parseAll(List.of(challenge)));
    return new Authentication(
        sessions,
        new InsecureAccess(List.of(), List.of(), false),
        new TokenFetcher(tokenEndpoint, clock, false),
        clock);
  }

  private Authentication offlineAuthentication(Sessions sessions, Answers endpoint) {
    Sessions.Session session = sessions.of("registry.example");
    session.base = URI.create("https://registry.example");
    session.challenge = Authentication.usable(Challenge.parseAll(List.of(BEARER)));
    return new Authentication(
        sessions,
        new InsecureAccess(List.of(), List.of(), false),
        new TokenFetcher(endpoint, clock, true),
        clock);
  }

  private static CredentialProvider alice() {
    return registry -> Optional.of(Credential.usernamePassword("alice", "wonderland"));
  }

  @Test
  void bearer_tokenForTheCallsScope_isSentAndCached() throws IOException {
    Authentication auth = authentication(alice(), "https://registry.example", BEARER);
    Answers registry = new Answers().then(200, "");
    Call get = Answers.get("https://registry.example/v2/x/tags/list");

    auth.handle(get, registry).close();
    auth.handle(get, registry).close();

    assertThat(registry.calls)
        .allSatisfy(
            c -> assertThat(c.headers().firstValue("Authorization")).contains("Bearer tok-1"));
    assertThat(tokenEndpoint.calls).hasSize(1);
    assertThat(tokenEndpoint.calls.get(0).target().getRawQuery())
        .contains("scope=repository%3Ax%3Apull");
  }

  @Test
  void withoutOfflineAccess_theTokenRequestAsksForNoRefreshToken() throws IOException {
    Authentication auth = authentication(alice(), "https://registry.example", BEARER);

    auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), new Answers().then(200, ""))
        .close();

    assertThat(tokenEndpoint.calls.get(0).target().getRawQuery())
        .contains("account=alice")
        .doesNotContain("offline_token")
        .doesNotContain("client_id");
  }

  @Test
  void offlineAccess_asksForARefreshToken_andKeepsTheOneIssued() throws IOException {
    Sessions sessions = new Sessions(alice());
    Answers endpoint =
        new Answers()
            .then(
                call -> Answers.response(call, 200, "{\"token\":\"t\",\"refresh_token\":\"r-1\"}"));
    Authentication auth = offlineAuthentication(sessions, endpoint);

    auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), new Answers().then(200, ""))
        .close();

    Call token = endpoint.calls.get(0);
    assertThat(token.method()).isEqualTo("GET");
    assertThat(token.target().getRawQuery())
        .contains("account=alice&offline_token=true&client_id=registrykit");
    assertThat(token.headers().firstValue("Authorization"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
    assertThat(sessions.of("registry.example").refreshToken).contains("r-1");
  }

  @Test
  void offlineAccess_anonymous_asksForNothing() throws IOException {
    Sessions sessions = new Sessions(registry -> Optional.empty());
    Authentication auth = offlineAuthentication(sessions, tokenEndpoint);

    auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), new Answers().then(200, ""))
        .close();

    assertThat(tokenEndpoint.calls.get(0).target().getRawQuery())
        .doesNotContain("offline_token")
        .doesNotContain("account");
    assertThat(sessions.of("registry.example").refreshToken).isEmpty();
  }

  @Test
  void rejectedToken_isRefreshedOnce_thenRefused() throws IOException {
    Authentication auth = authentication(alice(), "https://registry.example", BEARER);
    Answers registry = new Answers().then(401, "", "WWW-Authenticate", BEARER);
    assertThatThrownBy(
            () -> auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), registry))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("refused the credentials configured for registry.example")
        .hasMessageNotContaining("wonderland");
    assertThat(registry.calls).hasSize(2);
    assertThat(registry.calls.get(1).headers().firstValue("Authorization"))
        .contains("Bearer tok-2");
  }

  @Test
  void insufficientScope_widensTheScopesOnce() throws IOException {
    Authentication auth = authentication(alice(), "https://registry.example", BEARER);
    Answers registry =
        new Answers()
            .then(
                401,
                "",
                "WWW-Authenticate",
                BEARER + ",scope=\"repository:x:pull,push\",error=\"insufficient_scope\"")
            .then(200, "");
    auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), registry).close();
    assertThat(tokenEndpoint.calls.get(1).target().getRawQuery())
        .contains("scope=repository%3Ax%3Apull%2Cpush");
  }

  @Test
  void basic_isSentOnce_andNotResent() {
    Authentication auth =
        authentication(alice(), "https://registry.example", "Basic realm=\"registry\"");
    Answers registry = new Answers().then(401, "", "WWW-Authenticate", "Basic realm=\"registry\"");
    assertThatThrownBy(
            () -> auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), registry))
        .isInstanceOf(AuthenticationException.class);
    assertThat(registry.calls).hasSize(1);
    assertThat(registry.calls.get(0).headers().firstValue("Authorization"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic "));
  }

  @Test
  void callOffTheRegistrysOrigin_carriesNoCredentials() throws IOException {
    Authentication auth =
        authentication(alice(), "http://registry.example", "Basic realm=\"registry\"");
    Answers other = new Answers().then(200, "");
    auth.handle(Answers.get("https://registry.example/v2/x/blobs/uploads/1"), other).close();
    assertThat(other.calls.get(0).headers().firstValue("Authorization")).isEmpty();
  }

  @Test
  void credentialsOverPlainHttp_toANonLoopbackHost_areRefusedBeforeSending() {
    Authentication auth =
        authentication(alice(), "http://registry.example", "Basic realm=\"registry\"");
    Answers registry = new Answers().then(200, "");
    assertThatThrownBy(
            () -> auth.handle(Answers.get("http://registry.example/v2/x/tags/list"), registry))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("credentialsOverPlainHttp(true)");
    assertThat(registry.calls).isEmpty();
  }

  @Test
  void registryWithoutChallenge_getsNoCredentials_andTheProviderIsNotAsked() throws IOException {
    Sessions sessions =
        new Sessions(
            registry -> {
              throw new AssertionError("credentials looked up for an open registry");
            });
    sessions.of("registry.example").base = URI.create("https://registry.example");
    Authentication auth =
        new Authentication(
            sessions,
            new InsecureAccess(List.of(), List.of(), false),
            new TokenFetcher(tokenEndpoint, clock, false),
            clock);
    Answers registry = new Answers().then(200, "");
    try (HttpResponse response =
        auth.handle(Answers.get("https://registry.example/v2/x/tags/list"), registry)) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(registry.calls.get(0).headers().firstValue("Authorization")).isEmpty();
  }
}
