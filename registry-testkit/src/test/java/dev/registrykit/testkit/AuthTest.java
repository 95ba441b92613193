package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Basic and bearer authentication, grants, anonymous pull, token expiry and insufficient scope. */
@Timeout(60)
class AuthTest {
  private static final Seed SEED = new Seed();
  private static final String R = "/v2/" + Seed.REPO;

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<byte[]> send(
      FakeRegistry registry, String method, String path, Map<String, String> headers)
      throws Exception {
    return Http.send(registry.url(path), method, headers, new byte[0]);
  }

  /** A clock a test moves by hand, so expiry is tested without waiting. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void basic_withoutCredentials_is401WithBasicChallenge() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", "secret").start()) {
      SEED.into(registry);
      HttpResponse<byte[]> r = send(registry, "GET", "/v2/", Map.of());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"registrykit-fake\"");
      assertThat(Http.text(r)).contains("\"UNAUTHORIZED\"");
      assertThat(send(registry, "GET", R + "/manifests/v1", Map.of()).statusCode()).isEqualTo(401);
      assertThat(
              send(
                      registry,
                      "GET",
                      R + "/manifests/v1",
                      Map.of("Authorization", basic("alice", "wrong")))
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              send(
                      registry,
                      "GET",
                      R + "/manifests/v1",
                      Map.of("Authorization", basic("alice", "secret")))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              send(registry, "GET", "/v2/", Map.of("Authorization", basic("alice", "secret")))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void basic_grants_limitActionsPerRepository() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.BASIC)
            .user("reader", "r", Grant.of("team/*", Permission.PULL))
            .user("writer", "w", Grant.of(Seed.REPO, Permission.PULL, Permission.PUSH))
            .anonymousPull("public/*")
            .start()) {
      SEED.into(registry);
      registry.putBlob("public/base", SEED.layer);
      String reader = basic("reader", "r");
      String writer = basic("writer", "w");
      assertThat(
              send(registry, "GET", R + "/manifests/v1", Map.of("Authorization", reader))
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<byte[]> denied =
          send(registry, "POST", R + "/blobs/uploads/", Map.of("Authorization", reader));
      assertThat(denied.statusCode()).isEqualTo(403);
      assertThat(Http.text(denied)).contains("\"DENIED\"");
      assertThat(
              send(registry, "POST", R + "/blobs/uploads/", Map.of("Authorization", writer))
                  .statusCode())
          .isEqualTo(202);
      assertThat(
              send(registry, "DELETE", R + "/manifests/v1", Map.of("Authorization", writer))
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              send(registry, "GET", "/v2/public/base/blobs/" + SEED.layerDigest, Map.of())
                  .statusCode())
          .isEqualTo(200);
      assertThat(send(registry, "POST", "/v2/public/base/blobs/uploads/", Map.of()).statusCode())
          .isEqualTo(401);
      assertThat(registry.requests())
          .allSatisfy(
              e ->
                  assertThat(e.headers().getOrDefault("authorization", java.util.List.of()))
                      .allMatch(RecordedExchange.REDACTED::equals));
      assertThat(registry.requests().get(0).hasAuthorization()).isTrue();
    }
  }

  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private static Map<String, String> challenge(HttpResponse<byte[]> r) {
    String h = r.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(h).startsWith("Bearer ");
    Map<String, String> params = new java.util.HashMap<>();
    Matcher m = PARAM.matcher(h);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }

  private static String token(
      FakeRegistry registry, Map<String, String> challenge, String authorization) throws Exception {
    String url =
        challenge.get("realm")
            + "?service="
            + challenge.get("service")
            + (challenge.containsKey("scope") ? "&scope=" + challenge.get("scope") : "");
    Map<String, String> headers =
        authorization.isEmpty() ? Map.of() : Map.of("Authorization", authorization);
    HttpResponse<byte[]> r = Http.send(java.net.URI.create(url), "GET", headers, new byte[0]);
    assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(Http.text(r));
    assertThat(m.find()).isTrue();
    assertThat(Http.text(r))
        .contains("\"access_token\"")
        .contains("\"expires_in\":300")
        .contains("\"issued_at\"");
    return m.group(1);
  }

  @Test
  void bearer_flow_challengeTokenRetry_succeeds() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", "secret").start()) {
      SEED.into(registry);
      HttpResponse<byte[]> first = send(registry, "GET", R + "/manifests/v1", Map.of());
      assertThat(first.statusCode()).isEqualTo(401);
      Map<String, String> c = challenge(first);
      assertThat(c)
          .containsEntry("realm", registry.baseUri() + "/token")
          .containsEntry("service", "registrykit-fake")
          .containsEntry("scope", "repository:team/app:pull");
      String token = token(registry, c, basic("alice", "secret"));
      HttpResponse<byte[]> retry =
          send(registry, "GET", R + "/manifests/v1", Map.of("Authorization", "Bearer " + token));
      assertThat(retry.statusCode()).isEqualTo(200);
      assertThat(registry.requests())
          .extracting(e -> e.endpoint().orElseThrow())
          .containsExactly(Endpoint.END_3, Endpoint.TOKEN, Endpoint.END_3);
      HttpResponse<byte[]> push =
          send(registry, "POST", R + "/blobs/uploads/", Map.of("Authorization", "Bearer " + token));
      assertThat(push.statusCode()).isEqualTo(401);
      assertThat(challenge(push))
          .containsEntry("error", "insufficient_scope")
          .containsEntry("scope", "repository:team/app:pull,push");
      String pushToken = token(registry, challenge(push), basic("alice", "secret"));
      assertThat(
              send(
                      registry,
                      "POST",
                      R + "/blobs/uploads/",
                      Map.of("Authorization", "Bearer " + pushToken))
                  .statusCode())
          .isEqualTo(202);
      HttpResponse<byte[]> base = send(registry, "GET", "/v2/", Map.of());
      assertThat(base.statusCode()).isEqualTo(401);
      assertThat(challenge(base)).doesNotContainKey("scope");
      assertThat(
              send(registry, "GET", "/v2/", Map.of("Authorization", "Bearer " + token))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void bearer_tokenEndpoint_badCredentials_is401_anonymousGetsOnlyAnonymousGrants()
      throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("alice", "secret")
            .anonymousPull("public/*")
            .start()) {
      SEED.into(registry);
      registry.putBlob("public/base", SEED.layer);
      HttpResponse<byte[]> bad =
          Http.send(
              registry.url("/token?service=registrykit-fake&scope=repository:team/app:pull"),
              "GET",
              Map.of("Authorization", basic("alice", "nope")),
              new byte[0]);
      assertThat(bad.statusCode()).isEqualTo(401);
      String anonymous =
          token(
              registry,
              Map.of(
                  "realm",
                  registry.baseUri() + "/token",
                  "service",
                  "registrykit-fake",
                  "scope",
                  "repository:public/base:pull,push"),
              "");
      assertThat(
              send(
                      registry,
                      "GET",
                      "/v2/public/base/blobs/" + SEED.layerDigest,
                      Map.of("Authorization", "Bearer " + anonymous))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              send(
                      registry,
                      "POST",
                      "/v2/public/base/blobs/uploads/",
                      Map.of("Authorization", "Bearer " + anonymous))
                  .statusCode())
          .isEqualTo(401);
      String anonymousPrivate =
          token(
              registry,
              Map.of(
                  "realm",
                  registry.baseUri() + "/token",
                  "service",
                  "registrykit-fake",
                  "scope",
                  "repository:team/app:pull"),
              "");
      HttpResponse<byte[]> denied =
          send(
              registry,
              "GET",
              R + "/manifests/v1",
              Map.of("Authorization", "Bearer " + anonymousPrivate));
      assertThat(denied.statusCode()).isEqualTo(401);
      assertThat(challenge(denied)).containsEntry("error", "insufficient_scope");
      // The token query holds no secret and is kept; the Authorization header never is.
      assertThat(registry.requests())
          .filteredOn(e -> e.endpoint().equals(java.util.Optional.of(Endpoint.TOKEN)))
          .allSatisfy(e -> assertThat(e.toString()).doesNotContain("nope"));
    }
  }

  @Test
  void bearer_tokenPostPasswordGrant_issuesToken() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", "secret").start()) {
      HttpResponse<byte[]> r =
          Http.send(
              registry.url("/token"),
              "POST",
              Map.of("Content-Type", "application/x-www-form-urlencoded"),
              "grant_type=password&username=alice&password=secret&service=registrykit-fake&scope=repository%3Ateam%2Fapp%3Apull"
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Http.text(r)).contains("\"token\"");
      HttpResponse<byte[]> wrong =
          Http.send(
              registry.url("/token"),
              "POST",
              Map.of("Content-Type", "application/x-www-form-urlencoded"),
              "grant_type=password&username=alice&password=bad".getBytes(StandardCharsets.UTF_8));
      assertThat(wrong.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void bearer_refreshTokens_issuedForOfflineAccess_exchangedWithTheRefreshGrant() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .refreshTokens()
            .user("alice", "secret")
            .start()) {
      Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
      HttpResponse<byte[]> online =
          Http.send(
              registry.url("/token"),
              "POST",
              form,
              "grant_type=password&username=alice&password=secret"
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(Http.text(online)).doesNotContain("refresh_token");

      HttpResponse<byte[]> offline =
          Http.send(
              registry.url("/token?service=registrykit-fake&account=alice&offline_token=true"),
              "GET",
              Map.of("Authorization", basic("alice", "secret")),
              new byte[0]);
      Matcher issued =
          Pattern.compile("\"refresh_token\":\"([^\"]+)\"").matcher(Http.text(offline));
      assertThat(issued.find()).isTrue();

      HttpResponse<byte[]> refreshed =
          Http.send(
              registry.url("/token"),
              "POST",
              form,
              ("grant_type=refresh_token&refresh_token="
                      + issued.group(1)
                      + "&scope=repository%3Ateam%2Fapp%3Apull")
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(refreshed.statusCode()).isEqualTo(200);
      assertThat(Http.text(refreshed)).contains("\"token\"");

      HttpResponse<byte[]> unknown =
          Http.send(
              registry.url("/token"),
              "POST",
              form,
              "grant_type=refresh_token&refresh_token=forged".getBytes(StandardCharsets.UTF_8));
      assertThat(unknown.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void bearer_expiredToken_isInvalidToken() throws Exception {
    MutableClock clock = new MutableClock();
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("alice", "secret")
            .clock(clock)
            .tokenLifetime(Duration.ofSeconds(60))
            .start()) {
      SEED.into(registry);
      Map<String, String> c = challenge(send(registry, "GET", R + "/manifests/v1", Map.of()));
      HttpResponse<byte[]> tokenResponse =
          Http.send(
              java.net.URI.create(
                  c.get("realm") + "?service=registrykit-fake&scope=" + c.get("scope")),
              "GET",
              Map.of("Authorization", basic("alice", "secret")),
              new byte[0]);
      assertThat(Http.text(tokenResponse))
          .contains("\"expires_in\":60")
          .contains("\"issued_at\":\"2026-01-01T00:00:00Z\"");
      Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(Http.text(tokenResponse));
      assertThat(m.find()).isTrue();
      String bearer = "Bearer " + m.group(1);
      clock.advance(Duration.ofSeconds(59));
      assertThat(
              send(registry, "GET", R + "/manifests/v1", Map.of("Authorization", bearer))
                  .statusCode())
          .isEqualTo(200);
      clock.advance(Duration.ofSeconds(1));
      HttpResponse<byte[]> expired =
          send(registry, "GET", R + "/manifests/v1", Map.of("Authorization", bearer));
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(challenge(expired)).containsEntry("error", "invalid_token");
    }
  }

  @Test
  void bearer_catalog_needsRegistryScope() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", "secret").start()) {
      HttpResponse<byte[]> r = send(registry, "GET", "/v2/_catalog", Map.of());
      assertThat(challenge(r)).containsEntry("scope", "registry:catalog:*");
      String token = token(registry, challenge(r), basic("alice", "secret"));
      assertThat(
              send(registry, "GET", "/v2/_catalog", Map.of("Authorization", "Bearer " + token))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void mount_fromRepositoryTheUserCannotPull_opensASessionInstead() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.BASIC)
            .user("bob", "b", Grant.of("bob/*", Permission.PULL, Permission.PUSH))
            .start()) {
      SEED.into(registry);
      HttpResponse<byte[]> r =
          send(
              registry,
              "POST",
              "/v2/bob/app/blobs/uploads/?mount=" + SEED.layerDigest + "&from=" + Seed.REPO,
              Map.of("Authorization", basic("bob", "b")));
      assertThat(r.statusCode()).isEqualTo(202);
      assertThat(registry.blobs("bob/app")).isEmpty();
    }
  }
}
