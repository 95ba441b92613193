package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.Scope;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.Grant;
import dev.registrykit.testkit.Permission;
import dev.registrykit.testkit.RecordedExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pipeline against the testkit's fake registry, with its auth modes and faults. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeRegistryPipelineTest {
  private static final String PASSWORD = "fake-Pa55";

  private final MutableClock clientClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MutableClock serverClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecordingSleeper sleeper = new RecordingSleeper(null);
  private FakeRegistry registry;
  private Pipeline http;

  @AfterEach
  void tearDown() throws IOException {
    if (http != null) {
      http.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private Pipeline.Builder pipeline() {
    return Pipeline.builder(ApacheHttpTransport.create())
        .clock(clientClock)
        .sleeper(sleeper)
        .random(() -> 0.5);
  }

  private FakeRegistry.Builder bearer() {
    return FakeRegistry.builder()
        .auth(AuthMode.TOKEN)
        .user("alice", PASSWORD, Grant.all())
        .clock(serverClock);
  }

  private Pipeline.Builder asAlice() {
    return pipeline()
        .credentials(
            CredentialProviders.fixed(
                registry.host(), Credential.usernamePassword("alice", PASSWORD)));
  }

  private Call pull(String path) {
    return CallBuilder.builder("GET", registry.host(), path)
        .scope(Scope.repository("team/app", "pull"))
        .build();
  }

  @Test
  void loopbackFakeOverPlainHttp_isFoundWithoutConfiguration() throws IOException {
    registry = FakeRegistry.start();
    http = pipeline().build();

    assertThat(http.baseUri(registry.host()).getScheme()).isEqualTo("http");
  }

  @Test
  void bearer_pushesBlobMonolithicallyWithOnePushToken() throws IOException {
    registry = bearer().start();
    http = asAlice().build();
    byte[] content = "layer".getBytes(StandardCharsets.UTF_8);

    Digest digest = push(content);

    assertThat(registry.blob("team/app", digest)).isPresent();
    List<RecordedExchange> tokenRequests =
        registry.requests().stream().filter(r -> r.path().endsWith("/token")).toList();
    assertThat(tokenRequests).hasSize(1);
    assertThat(tokenRequests.get(0).query().orElse(""))
        .containsPattern("scope=repository(%3A|:)team(%2F|/)app(%3A|:)pull(%2C|,)push");
  }

  @Test
  void bearer_tokenExpiredOnTheServerMidPush_reauthenticatesAndFinishes() throws IOException {
    registry = bearer().tokenLifetime(Duration.ofMinutes(5)).start();
    http = asAlice().build();
    byte[] content = "layer-2".getBytes(StandardCharsets.UTF_8);
    Scope scope = Scope.repository("team/app", "pull", "push");
    Call start =
        CallBuilder.builder("POST", registry.host(), "/v2/team/app/blobs/uploads/")
            .scope(scope)
            .build();
    URI location;
    try (HttpResponse response = http.send(start)) {
      assertThat(response.status()).isEqualTo(202);
      location = http.location(start, response).orElseThrow();
    }

    serverClock.advance(
        Duration.ofMinutes(10)); // the server sees the token expire; the client does not know

    Digest digest = Digest.sha256(content);
    String separator = location.getRawQuery() == null ? "?" : "&";
    try (HttpResponse response =
        http.send(
            CallBuilder.builder(
                    "PUT", registry.host(), URI.create(location + separator + "digest=" + digest))
                .body(RequestBody.ofBytes(content, "application/octet-stream"))
                .scope(scope)
                .build())) {
      assertThat(response.status()).isEqualTo(201);
    }
    assertThat(registry.requests().stream().filter(r -> r.path().endsWith("/token")).count())
        .isEqualTo(2);
  }

  @Test
  void bearer_anonymousPullAllowedButPushRefused() throws IOException {
    registry = bearer().anonymousPull("public/*").start();
    registry.putBlob("public/app", "x".getBytes(StandardCharsets.UTF_8));
    http = pipeline().build();
    Digest digest = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));

    try (HttpResponse response =
        http.send(
            CallBuilder.builder("GET", registry.host(), "/v2/public/app/blobs/" + digest)
                .scope(Scope.repository("public/app", "pull"))
                .build())) {
      assertThat(response.status()).isEqualTo(200);
    }
    Call start =
        CallBuilder.builder("POST", registry.host(), "/v2/public/app/blobs/uploads/")
            .scope(Scope.repository("public/app", "pull", "push"))
            .description("POST upload " + registry.host() + "/public/app")
            .build();
    assertThatThrownBy(() -> http.send(start).close())
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("POST upload " + registry.host() + "/public/app");
  }

  @Test
  void basic_pushesWithPreemptiveCredentials() throws IOException {
    registry =
        FakeRegistry.builder()
            .auth(AuthMode.BASIC)
            .user("alice", PASSWORD, Grant.of("team/*", Permission.PULL, Permission.PUSH))
            .start();
    http = asAlice().build();

    Digest digest = push("basic".getBytes(StandardCharsets.UTF_8));

    assertThat(registry.blob("team/app", digest)).isPresent();
    // after the ping's challenge, every request carries Basic credentials: no 401 round trips
    assertThat(
            registry.requests().stream()
                .filter(r -> !r.path().equals("/v2/"))
                .allMatch(RecordedExchange::hasAuthorization))
        .isTrue();
  }

  @Test
  void redirectedBlobGet_authorizationNeverReachesTheBlobServer() throws IOException {
    registry = bearer().fault(Fault.redirectBlobs().always()).start();
    Digest digest = registry.putBlob("team/app", "redirected".getBytes(StandardCharsets.UTF_8));
    http = asAlice().build();

    try (HttpResponse response = http.send(pull("/v2/team/app/blobs/" + digest))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("redirected");
    }
    assertThat(registry.blobServerRequests())
        .isNotEmpty()
        .noneMatch(RecordedExchange::hasAuthorization);
  }

  @Test
  void tooManyRequestsWithRetryAfter_waitsThenSucceeds() throws IOException {
    registry =
        FakeRegistry.builder()
            .fault(Fault.tooManyRequests(Duration.ofSeconds(4)).on(Endpoint.END_8A).times(1))
            .start();
    registry.putBlob("team/app", "t".getBytes(StandardCharsets.UTF_8));
    http = pipeline().build();

    try (HttpResponse response = http.send(pull("/v2/team/app/tags/list"))) {
      assertThat(response.status()).isNotEqualTo(429);
    }
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void tooManyRequestsForever_throwsRateLimited() throws IOException {
    registry =
        FakeRegistry.builder()
            .fault(Fault.tooManyRequests(Duration.ofSeconds(1)).on(Endpoint.END_8A).always())
            .start();
    http = pipeline().retryPolicy(RetryPolicy.defaults().withMaxAttempts(4)).build();

    assertThatThrownBy(() -> http.send(pull("/v2/team/app/tags/list")))
        .isInstanceOfSatisfying(
            RateLimitedException.class, e -> assertThat(e.attempts()).isEqualTo(4));
  }

  @Test
  void serviceUnavailableTwice_isRetried() throws IOException {
    registry = FakeRegistry.builder().fault(Fault.status(503).on(Endpoint.END_2).times(2)).start();
    Digest digest = registry.putBlob("team/app", "s".getBytes(StandardCharsets.UTF_8));
    http = pipeline().build();

    try (HttpResponse response = http.send(pull("/v2/team/app/blobs/" + digest))) {
      assertThat(response.status()).isEqualTo(200);
    }
    assertThat(sleeper.sleeps).hasSize(2);
  }

  @Test
  void droppedConnection_isRetriedOnIdempotentSteps() throws IOException {
    registry =
        FakeRegistry.builder().fault(Fault.dropConnection().on(Endpoint.END_2).times(1)).start();
    Digest digest = registry.putBlob("team/app", "d".getBytes(StandardCharsets.UTF_8));
    http = pipeline().build();

    try (HttpResponse response = http.send(pull("/v2/team/app/blobs/" + digest))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().readAllBytes()).isEqualTo("d".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @Test
  void parallelPulls_shareOneToken() throws Exception {
    registry = bearer().start();
    Digest digest = registry.putBlob("team/app", "shared".getBytes(StandardCharsets.UTF_8));
    http = asAlice().build();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  try (HttpResponse response = http.send(pull("/v2/team/app/blobs/" + digest))) {
                    response.body().readAllBytes();
                    return response.status();
                  }
                }));
      }
      for (java.util.concurrent.Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.requests().stream().filter(r -> r.path().endsWith("/token")).count())
        .isEqualTo(1);
    assertThat(registry.requests().stream().filter(r -> r.path().equals("/v2/")).count())
        .isEqualTo(1);
  }

  private Digest push(byte[] content) throws IOException {
    Scope scope = Scope.repository("team/app", "pull", "push");
    Call start =
        CallBuilder.builder("POST", registry.host(), "/v2/team/app/blobs/uploads/")
            .scope(scope)
            .build();
    URI location;
    try (HttpResponse response = http.send(start)) {
      assertThat(response.status()).isEqualTo(202);
      location = http.location(start, response).orElseThrow();
    }
    Digest digest = Digest.sha256(content);
    String separator = location.getRawQuery() == null ? "?" : "&";
    try (HttpResponse response =
        http.send(
            CallBuilder.builder(
                    "PUT", registry.host(), URI.create(location + separator + "digest=" + digest))
                .body(RequestBody.ofBytes(content, "application/octet-stream"))
                .scope(scope)
                .build())) {
      assertThat(response.status()).isEqualTo(201);
    }
    return digest;
  }
}
