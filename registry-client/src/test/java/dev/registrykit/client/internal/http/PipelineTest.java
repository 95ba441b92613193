package dev.registrykit.client.internal.http;

import static dev.registrykit.client.internal.http.WireServer.json;
import static dev.registrykit.client.internal.http.WireServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipelineTest {
  private static final String PASSWORD = "s3cr3t-Pa55word";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private WireServer server;
  private WireServer other;
  private Pipeline http;

  @AfterEach
  void tearDown() throws IOException {
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
    if (other != null) {
      other.close();
    }
  }

  /** The pipeline with the test server listed as plain HTTP (the fallback has its own tests). */
  private Pipeline.Builder pipeline() {
    return Pipeline.builder(ApacheHttpTransport.create())
        .plainHttp(java.util.List.of(server.registry()))
        .clock(clock)
        .sleeper(sleeper)
        .random(() -> 0.5);
  }

  private static String body(HttpResponse response) throws IOException {
    try (response) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Call get(String path) {
    return CallBuilder.builder("GET", server.registry(), path)
        .scope(Scope.repository("foo", "pull"))
        .build();
  }

  // Repeated: each TLS ClientHello is random, and a plain server's reaction to it varies.
  @org.junit.jupiter.api.RepeatedTest(3)
  void execute_loopbackRegistrySpeakingPlainHttp_fallsBackToHttp() throws IOException {
    server = WireServer.plain();
    server.handler = r -> r.getTarget().equals("/v2/") ? status(200) : json(200, "{\"ok\":true}");
    // MockWebServer may wait for a request line that a ClientHello never completes: the pipeline
    // then probes plain HTTP alongside the stalled handshake.
    http = Pipeline.builder(ApacheHttpTransport.create()).sleeper(sleeper).build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.uri().getScheme()).isEqualTo("http");
    assertThat(body(response)).isEqualTo("{\"ok\":true}");
    assertThat(http.baseUri(server.registry()).toString()).isEqualTo("http://" + server.registry());
  }

  @Test
  void execute_untrustedCertificate_throwsTlsExceptionAndNeverFallsBack() throws IOException {
    HeldCertificate selfSigned =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(selfSigned).build();
    server = new WireServer("127.0.0.1", serverCerts.sslSocketFactory());
    server.handler = r -> status(200);
    http = Pipeline.builder(ApacheHttpTransport.create()).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOf(RegistryTlsException.class)
        .hasMessageContaining("not trusted")
        .hasMessageContaining("CA");
    assertThat(server.journal).isEmpty();
  }

  @Test
  void execute_customCaTrusted_usesHttps(@TempDir Path dir) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate cert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    HandshakeCertificates serverCerts =
        new HandshakeCertificates.Builder().heldCertificate(cert).build();
    server = new WireServer("127.0.0.1", serverCerts.sslSocketFactory());
    server.handler = r -> r.getTarget().equals("/v2/") ? status(200) : json(200, "{}");
    Path caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, ca.certificatePem());
    http =
        Pipeline.builder(ApacheHttpTransport.builder().trustedCertificates(caPem).build())
            .sleeper(sleeper)
            .build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.uri().getScheme()).isEqualTo("https");
    response.close();
  }

  @Test
  void execute_blobRedirectedToAnotherHost_doesNotSendAuthorizationThere() throws IOException {
    server = WireServer.plain();
    other = WireServer.plain();
    other.handler = r -> new MockResponse.Builder().code(200).body("blob-bytes").build();
    String target = "http://" + other.otherHost() + "/bucket/blob?X-Amz-Signature=abc";
    server.handler =
        r ->
            r.getHeaders().get("Authorization") == null
                ? status(401, "WWW-Authenticate", "Basic realm=\"test\"")
                : status(307, "Location", target);
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.usernamePassword("user", PASSWORD)))
            .build();

    HttpResponse response = http.send(get("/v2/foo/blobs/sha256:abc"));

    assertThat(body(response)).isEqualTo("blob-bytes");
    assertThat(server.requests("GET", "/v2/foo/blobs/"))
        .allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).startsWith("Basic "));
    assertThat(other.journal).hasSize(1);
    assertThat(other.journal.get(0).getHeaders().get("Authorization")).isNull();
    assertThat(other.journal.get(0).getHeaders().get("Cookie")).isNull();
  }

  @Test
  void resolveLocation_otherHost_isRejected() throws IOException {
    server = WireServer.plain();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : status(
                    202,
                    "Location",
                    "http://" + server.otherHost() + "/v2/foo/blobs/uploads/1?_state=x");
    http = pipeline().build();
    Call start = CallBuilder.builder("POST", server.registry(), "/v2/foo/blobs/uploads/").build();

    HttpResponse response = http.send(start);
    response.close();

    assertThatThrownBy(() -> http.location(start, response).orElseThrow())
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not on registry " + server.registry())
        .hasMessageNotContaining("_state");
  }

  @Test
  void resolveLocation_relative_resolvesAgainstRegistry() throws IOException {
    server = WireServer.plain();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : status(202, "Location", "/v2/foo/blobs/uploads/1?_state=x");
    http = pipeline().build();
    Call start = CallBuilder.builder("POST", server.registry(), "/v2/foo/blobs/uploads/").build();
    HttpResponse response = http.send(start);
    response.close();

    assertThat(http.location(start, response).orElseThrow().toString())
        .isEqualTo("http://" + server.registry() + "/v2/foo/blobs/uploads/1?_state=x");
  }

  @Test
  void execute_429WithRetryAfterSeconds_waitsAsAsked() throws IOException {
    server = WireServer.plain();
    AtomicInteger calls = new AtomicInteger();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : calls.incrementAndGet() == 1 ? status(429, "Retry-After", "3") : json(200, "{}");
    http = pipeline().build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void execute_429WithRetryAfterDate_waitsUntilThen() throws IOException {
    server = WireServer.plain();
    AtomicInteger calls = new AtomicInteger();
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.instant().plusSeconds(7).atOffset(ZoneOffset.UTC));
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : calls.incrementAndGet() == 1 ? status(429, "Retry-After", date) : json(200, "{}");
    http = pipeline().build();

    http.send(get("/v2/foo/tags/list")).close();

    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void execute_429Always_givesUpWithRateLimitedException() throws IOException {
    server = WireServer.plain();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : json(
                    429,
                    "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}",
                    "Retry-After",
                    "1");
    http = pipeline().retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)).build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            })
        .hasMessageContaining("GET " + server.registry() + "/v2/foo/tags/list")
        .hasMessageContaining("TOOMANYREQUESTS");
    assertThat(server.requests("GET", "/v2/foo/")).hasSize(3);
    assertThat(sleeper.sleeps).hasSize(2);
  }

  @Test
  void execute_429RetryAfterBeyondCap_givesUpAtOnce() throws IOException {
    server = WireServer.plain();
    server.handler =
        r -> r.getTarget().equals("/v2/") ? status(200) : status(429, "Retry-After", "86400");
    http = pipeline().build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOfSatisfying(
            RateLimitedException.class, e -> assertThat(e.attempts()).isEqualTo(1));
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void execute_503ThenSuccess_retriesWithBackoff() throws IOException {
    server = WireServer.plain();
    AtomicInteger calls = new AtomicInteger();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : calls.incrementAndGet() <= 2 ? status(503) : json(200, "{}");
    http = pipeline().build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
    // defaults: 500 ms then 1 s, each scaled into [half, full) by the fixed random 0.5
    assertThat(sleeper.sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
  }

  @Test
  void execute_503OnNonIdempotentPost_isNotRetried() throws IOException {
    server = WireServer.plain();
    server.handler = r -> r.getTarget().equals("/v2/") ? status(200) : status(503);
    http = pipeline().build();

    HttpResponse response =
        http.send(CallBuilder.builder("POST", server.registry(), "/v2/foo/blobs/uploads/").build());

    assertThat(response.status()).isEqualTo(503);
    response.close();
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void execute_connectionReset_retriesIdempotentStep() throws IOException {
    server = WireServer.plain();
    AtomicInteger calls = new AtomicInteger();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : calls.incrementAndGet() == 1
                    ? new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                        .build()
                    : json(200, "{}");
    http = pipeline().build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @Test
  void execute_bearerChallenge_fetchesTokenWithBasicAuthAndScope() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    server.handler = r -> bearerRegistry(r, tokens, "{\"token\":\"tok-%d\",\"expires_in\":300}");
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.usernamePassword("user", PASSWORD)))
            .build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));
    response.close();
    http.send(get("/v2/foo/tags/list")).close();

    assertThat(response.status()).isEqualTo(200);
    RecordedRequest tokenRequest = server.requests("GET", "/token").get(0);
    assertThat(tokenRequest.getUrl().queryParameter("scope")).isEqualTo("repository:foo:pull");
    assertThat(tokenRequest.getUrl().queryParameter("service")).isEqualTo("test-registry");
    assertThat(tokenRequest.getHeaders().get("Authorization")).startsWith("Basic ");
    assertThat(server.requests("GET", "/token")).hasSize(1); // cached
    assertThat(server.requests("GET", "/v2/foo/"))
        .allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1"));
  }

  @Test
  void execute_tokenExpired_fetchesAnotherToken() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    server.handler = r -> bearerRegistry(r, tokens, "{\"access_token\":\"tok-%d\"}");
    http = pipeline().build();

    http.send(get("/v2/foo/tags/list")).close();
    clock.advance(Duration.ofSeconds(55)); // default lifetime 60 s, minus a 6 s margin
    http.send(get("/v2/foo/tags/list")).close();

    assertThat(server.requests("GET", "/token")).hasSize(2);
    assertThat(server.requests("GET", "/v2/foo/").get(1).getHeaders().get("Authorization"))
        .isEqualTo("Bearer tok-2");
  }

  @Test
  void execute_tokenRejectedBeforeExpiry_reauthenticatesOnce() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    AtomicInteger revoked = new AtomicInteger(1);
    server.handler =
        r -> {
          String auth = r.getHeaders().get("Authorization");
          if (r.getTarget().startsWith("/v2/foo/")
              && ("Bearer tok-" + revoked.get()).equals(auth)
              && tokens.get() == 1) {
            return status(401, "WWW-Authenticate", challenge("repository:foo:pull", null));
          }
          return bearerRegistry(r, tokens, "{\"token\":\"tok-%d\",\"expires_in\":3600}");
        };
    http = pipeline().build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
    assertThat(server.requests("GET", "/token")).hasSize(2);
  }

  @Test
  void execute_insufficientScope_requestsWidenedScope() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    server.handler =
        r -> {
          if (r.getTarget().startsWith("/token")) {
            return json(
                200,
                "{\"token\":\""
                    + String.join(" ", r.getUrl().queryParameterValues("scope"))
                    + "\"}");
          }
          String auth = r.getHeaders().get("Authorization");
          if (r.getTarget().equals("/v2/")) {
            return status(401, "WWW-Authenticate", challenge(null, null));
          }
          if (auth != null && auth.contains("repository:bar:pull")) {
            return status(201);
          }
          return status(
              401,
              "WWW-Authenticate",
              challenge("repository:foo:pull,push repository:bar:pull", "insufficient_scope"));
        };
    http = pipeline().build();

    HttpResponse response =
        http.send(
            CallBuilder.builder(
                    "POST", server.registry(), "/v2/foo/blobs/uploads/?mount=sha256:1&from=bar")
                .scope(Scope.repository("foo", "pull", "push"))
                .build());

    assertThat(response.status()).isEqualTo(201);
    response.close();
    assertThat(server.requests("GET", "/token").get(1).getUrl().queryParameterValues("scope"))
        .containsExactly("repository:bar:pull", "repository:foo:pull,push");
  }

  @Test
  void execute_mountScopes_requestedInOneTokenRequest() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    server.handler = r -> bearerRegistry(r, tokens, "{\"token\":\"tok-%d\"}");
    http = pipeline().build();

    http.send(
            CallBuilder.builder(
                    "POST", server.registry(), "/v2/foo/blobs/uploads/?mount=sha256:1&from=bar")
                .scope(Scope.repository("foo", "pull", "push"))
                .mountSource("bar")
                .build())
        .close();

    assertThat(server.requests("GET", "/token").get(0).getUrl().queryParameterValues("scope"))
        .containsExactly("repository:bar:pull", "repository:foo:pull,push");
  }

  @Test
  void execute_identityToken_postsRefreshGrant() throws IOException {
    server = WireServer.plain();
    server.handler =
        r -> {
          if (r.getTarget().startsWith("/token") && "POST".equals(r.getMethod())) {
            String form = r.getBody() == null ? "" : r.getBody().utf8();
            return form.contains("grant_type=refresh_token")
                    && form.contains("refresh_token=refresh-" + PASSWORD)
                ? json(200, "{\"access_token\":\"oauth-token\",\"expires_in\":600}")
                : status(400);
          }
          if (r.getTarget().equals("/v2/")
              || !"Bearer oauth-token".equals(r.getHeaders().get("Authorization"))) {
            return status(401, "WWW-Authenticate", challenge(null, null));
          }
          return json(200, "{}");
        };
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.identityToken("refresh-" + PASSWORD)))
            .build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
  }

  @Test
  void execute_identityTokenRotatedByServer_usesTheNewRefreshTokenNextTime() throws IOException {
    server = WireServer.plain();
    AtomicInteger issued = new AtomicInteger();
    java.util.List<String> refreshTokensSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.handler =
        r -> {
          if (r.getTarget().startsWith("/token")) {
            String form = r.getBody() == null ? "" : r.getBody().utf8();
            refreshTokensSeen.add(form.replaceAll(".*refresh_token=([^&]*).*", "$1"));
            int n = issued.incrementAndGet();
            return json(
                200,
                "{\"access_token\":\"tok-" + n + "\",\"refresh_token\":\"rotated-" + n + "\"}");
          }
          String auth = r.getHeaders().get("Authorization");
          return auth != null && auth.equals("Bearer tok-" + issued.get())
              ? json(200, "{}")
              : status(401, "WWW-Authenticate", challenge(null, null));
        };
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.identityToken("original")))
            .build();

    http.send(get("/v2/foo/tags/list")).close();
    clock.advance(Duration.ofMinutes(2));
    http.send(get("/v2/foo/tags/list")).close();

    assertThat(refreshTokensSeen).containsExactly("original", "rotated-1");
  }

  @Test
  void execute_identityTokenEndpointWithoutOauth_fallsBackToGet() throws IOException {
    server = WireServer.plain();
    AtomicInteger tokens = new AtomicInteger();
    server.handler =
        r ->
            r.getTarget().startsWith("/token") && "POST".equals(r.getMethod())
                ? status(405)
                : bearerRegistry(r, tokens, "{\"token\":\"tok-%d\"}");
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.identityToken("refresh-" + PASSWORD)))
            .build();

    HttpResponse response = http.send(get("/v2/foo/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    response.close();
    assertThat(server.requests("GET", "/token")).hasSize(1);
  }

  @Test
  void execute_tokenEndpointRefusesCredentials_messageNamesRegistryButNoSecret()
      throws IOException {
    server = WireServer.plain();
    server.handler =
        r ->
            r.getTarget().startsWith("/token")
                ? json(
                    401,
                    "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}")
                : status(401, "WWW-Authenticate", challenge(null, null));
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.usernamePassword("user", PASSWORD)))
            .build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.challenge())
                  .hasValueSatisfying(c -> assertThat(c).contains("service=\"test-registry\""));
            })
        .hasMessageContaining(server.registry())
        .hasMessageContaining("bad credentials")
        .hasMessageNotContaining(PASSWORD)
        .hasMessageNotContaining("dXNlcj"); // base64 of "user:" never appears either
  }

  @Test
  void execute_anonymousRefused_saysNoCredentialsConfigured() throws IOException {
    server = WireServer.plain();
    server.handler = r -> status(401, "WWW-Authenticate", "Basic realm=\"registry\"");
    http = pipeline().build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("no credentials are configured for " + server.registry());
  }

  @Test
  void execute_basicCredentialsRefused_failsWithoutLeakingThem() throws IOException {
    server = WireServer.plain();
    server.handler = r -> status(401, "WWW-Authenticate", "Basic realm=\"registry\"");
    http =
        pipeline()
            .credentials(registry -> Optional.of(Credential.usernamePassword("user", PASSWORD)))
            .build();

    assertThatThrownBy(() -> http.send(get("/v2/foo/tags/list")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("refused the credentials")
        .hasMessageNotContaining(PASSWORD);
    // one ping, one preemptive Basic attempt: no hammering with bad credentials
    assertThat(server.requests("GET", "/v2/foo/")).hasSize(1);
  }

  @Test
  void execute_nonRepeatableBodyWith401_doesNotResend() throws IOException {
    server = WireServer.plain();
    server.handler =
        r ->
            r.getTarget().equals("/v2/")
                ? status(200)
                : status(401, "WWW-Authenticate", challenge(null, null));
    http = pipeline().build();
    RequestBody once =
        new RequestBody() {
          @Override
          public String contentType() {
            return "application/octet-stream";
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void writeTo(java.io.OutputStream out) throws IOException {
            out.write(new byte[] {1, 2, 3});
          }

          @Override
          public boolean isRepeatable() {
            return false;
          }
        };

    assertThatThrownBy(
            () ->
                http.send(
                    CallBuilder.builder("PATCH", server.registry(), "/v2/foo/blobs/uploads/1")
                        .body(once)
                        .build()))
        .isInstanceOf(AuthenticationException.class);
    assertThat(server.requests("PATCH", "/v2/foo/")).hasSize(1);
    assertThat(server.requests("PATCH", "/v2/foo/").get(0).getChunkSizes())
        .isNotEmpty(); // streamed chunked
  }

  private MockResponse bearerRegistry(RecordedRequest r, AtomicInteger tokens, String tokenJson) {
    if (r.getTarget().startsWith("/token")) {
      return json(200, String.format(tokenJson, tokens.incrementAndGet()));
    }
    String auth = r.getHeaders().get("Authorization");
    if (r.getTarget().equals("/v2/")
        || auth == null
        || !auth.equals("Bearer tok-" + tokens.get())) {
      return status(401, "WWW-Authenticate", challenge(null, null));
    }
    return json(200, "{}");
  }

  private String challenge(String scope, String error) {
    return "Bearer realm=\"http://"
        + server.registry()
        + "/token\",service=\"test-registry\""
        + (scope == null ? "" : ",scope=\"" + scope + "\"")
        + (error == null ? "" : ",error=\"" + error + "\"");
  }
}
