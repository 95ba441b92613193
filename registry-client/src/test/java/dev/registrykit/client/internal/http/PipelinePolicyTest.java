package dev.registrykit.client.internal.http;

import static dev.registrykit.client.internal.http.ScriptedTransport.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.PlainHttpRegistryException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.reference.Scope;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/** Decisions about hosts no test can reach (public registries), on a scripted transport. */
class PipelinePolicyTest {
  private static final String SECRET = "Top-Secret-99";
  private final RecordingSleeper sleeper = new RecordingSleeper(null);

  private static Call get(String registry, String path) {
    return CallBuilder.builder("GET", registry, path)
        .scope(Scope.repository("library/alpine", "pull"))
        .build();
  }

  @Test
  void execute_dockerHub_connectsToRegistry1() throws IOException {
    ScriptedTransport transport = new ScriptedTransport(r -> response(r, 200));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    http.send(get("docker.io", "/v2/library/alpine/manifests/3.19")).close();

    assertThat(transport.requests)
        .extracting(r -> r.uri().toString())
        .containsExactly(
            "https://registry-1.docker.io/v2/",
            "https://registry-1.docker.io/v2/library/alpine/manifests/3.19");
    assertThat(transport.requests.get(1).headers().firstValue("User-Agent"))
        .contains("registrykit");
  }

  @Test
  void execute_remoteRegistrySpeakingPlainHttp_requiresOptIn() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r -> {
              if (r.uri().getScheme().equals("https")) {
                throw new SSLException("Unsupported or unrecognized SSL message");
              }
              return response(r, 200);
            });
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.corp.example:5000", "/v2/x/tags/list")))
        .isInstanceOf(PlainHttpRegistryException.class)
        .hasMessageContaining("registry.corp.example:5000 speaks plain HTTP")
        .hasMessageContaining(
            "RegistryClient.builder().plainHttp(Registry.parse(\"registry.corp.example:5000\"))");
  }

  @Test
  void execute_remoteTlsHandshakeFailureWithoutPlainHttp_isATlsError() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r -> {
              throw r.uri().getScheme().equals("https")
                  ? new SSLException("handshake_failure")
                  : new java.net.ConnectException("refused");
            });
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.corp.example", "/v2/x/tags/list")))
        .isInstanceOf(dev.registrykit.client.errors.RegistryTlsException.class)
        .hasMessageContaining("TLS handshake with registry.corp.example failed");
  }

  @Test
  void execute_plainHttpRemoteWithCredentials_refusesToSendThem() {
    ScriptedTransport transport =
        new ScriptedTransport(r -> response(r, 401, "WWW-Authenticate", "Basic realm=\"r\""));
    Pipeline http =
        Pipeline.builder(transport)
            .plainHttp(List.of("registry.corp.example"))
            .credentials(
                CredentialProviders.fixed(
                    "registry.corp.example", Credential.usernamePassword("u", SECRET)))
            .sleeper(sleeper)
            .build();

    assertThatThrownBy(() -> http.send(get("registry.corp.example", "/v2/x/tags/list")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("over plain HTTP")
        .hasMessageNotContaining(SECRET);
    assertThat(transport.requests)
        .allSatisfy(r -> assertThat(r.headers().contains("Authorization")).isFalse());
  }

  @Test
  void execute_plainHttpRemoteWithExplicitPermission_sendsCredentials() throws IOException {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                r.headers().contains("Authorization")
                    ? response(r, 200)
                    : response(r, 401, "WWW-Authenticate", "Basic realm=\"r\""));
    Pipeline http =
        Pipeline.builder(transport)
            .plainHttp(List.of("registry.corp.example"))
            .credentialsOverPlainHttp(true)
            .credentials(
                CredentialProviders.fixed(
                    "registry.corp.example", Credential.usernamePassword("u", SECRET)))
            .sleeper(sleeper)
            .build();

    HttpResponse response = http.send(get("registry.corp.example", "/v2/x/tags/list"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.uri().getScheme()).isEqualTo("http");
  }

  @Test
  void execute_publicRegistryRedirectsToMetadataAddress_isRefused() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                r.uri().getPath().equals("/v2/")
                    ? response(r, 200)
                    : response(r, 307, "Location", "https://169.254.169.254/latest/meta-data/"));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/blobs/sha256:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("internal address");
    assertThat(transport.requests).noneMatch(r -> r.uri().getHost().equals("169.254.169.254"));
  }

  @Test
  void execute_redirectDowngradingToPlainHttp_isRefused() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                r.uri().getPath().equals("/v2/")
                    ? response(r, 200)
                    : response(r, 302, "Location", "http://cdn.example/blob?sig=SECRETSIG"));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/blobs/sha256:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("downgrades HTTPS")
        .hasMessageNotContaining("SECRETSIG");
  }

  @Test
  void execute_redirectLoop_stopsAfterTheLimit() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                r.uri().getPath().equals("/v2/")
                    ? response(r, 200)
                    : response(r, 302, "Location", "/v2/x/blobs/again"));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/blobs/sha256:1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("redirects");
    assertThat(transport.requests).hasSize(1 + 1 + Redirects.MAX_REDIRECTS);
  }

  @Test
  void execute_absoluteTargetOnAnotherHost_isRefused() {
    ScriptedTransport transport = new ScriptedTransport(r -> response(r, 200));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(
            () ->
                http.send(
                    CallBuilder.builder(
                            "PUT",
                            "registry.example",
                            URI.create("https://evil.example/v2/x/blobs/uploads/1"))
                        .build()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not on registry registry.example");
    assertThat(transport.requests).noneMatch(r -> r.uri().getHost().equals("evil.example"));
  }

  @Test
  void execute_tokenRealmOverPlainHttpOnRemoteHost_refusesCredentials() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                response(
                    r,
                    401,
                    "WWW-Authenticate",
                    "Bearer realm=\"http://auth.example/token\",service=\"s\""));
    Pipeline http =
        Pipeline.builder(transport)
            .credentials(registry -> Optional.of(Credential.usernamePassword("u", SECRET)))
            .sleeper(sleeper)
            .build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/tags/list")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("token endpoint http://auth.example/token over plain HTTP");
    assertThat(transport.requests).noneMatch(r -> r.uri().getHost().equals("auth.example"));
  }

  @Test
  void execute_plainHttpRegistryAllowed_tokenRealmOnAnotherPlainHost_neverGetsThePassword() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                response(
                    r,
                    401,
                    "WWW-Authenticate",
                    "Bearer realm=\"http://auth.elsewhere.example/token\",service=\"s\""));
    Pipeline http =
        Pipeline.builder(transport)
            .plainHttp(List.of("registry.corp.example"))
            .credentialsOverPlainHttp(true)
            .credentials(registry -> Optional.of(Credential.usernamePassword("u", SECRET)))
            .sleeper(sleeper)
            .build();

    assertThatThrownBy(() -> http.send(get("registry.corp.example", "/v2/x/tags/list")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("token endpoint http://auth.elsewhere.example/token over plain HTTP")
        .hasMessageContaining(
            "plainHttp(Registry.parse(\"auth.elsewhere.example\")).credentialsOverPlainHttp(true)")
        .hasMessageNotContaining(SECRET);
    assertThat(transport.requests)
        .noneMatch(r -> r.uri().getHost().equals("auth.elsewhere.example"));
  }

  @Test
  void execute_tokenRealmHostNamedToo_getsTheCredentials() throws IOException {
    ScriptedTransport transport =
        new ScriptedTransport(
            r -> {
              if (r.uri().getHost().equals("auth.corp.example")) {
                return HttpResponse.of(
                    r.uri(),
                    200,
                    dev.registrykit.client.transport.HttpHeaders.empty(),
                    new java.io.ByteArrayInputStream(
                        "{\"token\":\"t1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
              }
              return r.headers().firstValue("Authorization").orElse("").equals("Bearer t1")
                  ? response(r, 200)
                  : response(
                      r,
                      401,
                      "WWW-Authenticate",
                      "Bearer realm=\"http://auth.corp.example/token\",service=\"s\"");
            });
    Pipeline http =
        Pipeline.builder(transport)
            .plainHttp(List.of("registry.corp.example", "auth.corp.example"))
            .credentialsOverPlainHttp(true)
            .credentials(registry -> Optional.of(Credential.usernamePassword("u", SECRET)))
            .sleeper(sleeper)
            .build();

    assertThat(http.send(get("registry.corp.example", "/v2/x/tags/list")).status()).isEqualTo(200);
    assertThat(transport.requests)
        .anyMatch(
            r ->
                r.uri().getHost().equals("auth.corp.example")
                    && r.headers().contains("Authorization"));
  }

  @Test
  void execute_tokenResponseOverTheLimit_isTooLarge_notInvalidJson() {
    byte[] huge = new byte[(1 << 20) + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    ScriptedTransport transport =
        new ScriptedTransport(
            r -> {
              if (r.uri().getHost().equals("auth.example")) {
                return HttpResponse.of(
                    r.uri(),
                    200,
                    dev.registrykit.client.transport.HttpHeaders.empty(),
                    new java.io.ByteArrayInputStream(huge));
              }
              return response(
                  r,
                  401,
                  "WWW-Authenticate",
                  "Bearer realm=\"https://auth.example/token\",service=\"s\"");
            });
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/tags/list")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("too large for a token response")
        .hasMessageNotContaining("invalid JSON");
  }

  @Test
  void execute_registryThatStopsAnswering_isTriedTwice_notForTheWholeRetryPolicy() {
    ScriptedTransport transport =
        new ScriptedTransport(
            r -> {
              if (r.uri().getPath().equals("/v2/")) {
                return response(r, 200);
              }
              throw new java.net.SocketTimeoutException(
                  "registry.example:443 sent no response headers within 45 s");
            });
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/manifests/v1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("sent no response headers within 45 s")
        .hasMessageContaining("stopped answering");
    assertThat(transport.requests).hasSize(1 + RetryPolicy.defaults().maxTimeoutAttempts());
  }

  @Test
  void execute_pingThatStopsAnswering_isTriedTwice() {
    ScriptedTransport transport = silentRegistry();
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/manifests/v1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("accepted the connection but sent nothing for 30 s")
        .hasMessageNotContaining("TLS failure");
    assertThat(transport.requests).hasSize(RetryPolicy.defaults().maxTimeoutAttempts());
  }

  @Test
  void execute_timeoutAttempts_followTheRetryPolicy() {
    ScriptedTransport transport = silentRegistry();
    Pipeline http =
        Pipeline.builder(transport)
            .sleeper(sleeper)
            .retryPolicy(RetryPolicy.defaults().withMaxAttempts(8).withMaxTimeoutAttempts(4))
            .build();

    assertThatThrownBy(() -> http.send(get("registry.example", "/v2/x/manifests/v1")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("accepted the connection but sent nothing for 30 s");
    assertThat(transport.requests).hasSize(4);
  }

  @Test
  void execute_registryTokenCredential_isSentAsBearerWithoutTokenFlow() throws IOException {
    ScriptedTransport transport =
        new ScriptedTransport(
            r ->
                ("Bearer " + SECRET).equals(r.headers().firstValue("Authorization").orElse(""))
                    ? response(r, 200)
                    : response(
                        r, 401, "WWW-Authenticate", "Bearer realm=\"https://auth.example/token\""));
    Pipeline http =
        Pipeline.builder(transport)
            .credentials(registry -> Optional.of(Credential.registryToken(SECRET)))
            .sleeper(sleeper)
            .build();

    assertThat(http.send(get("registry.example", "/v2/x/tags/list")).status()).isEqualTo(200);
    assertThat(transport.requests).noneMatch(r -> r.uri().getHost().equals("auth.example"));
  }

  @Test
  void execute_openRegistry_neverConsultsCredentialSources() throws IOException {
    ScriptedTransport transport = new ScriptedTransport(r -> response(r, 200));
    Pipeline http =
        Pipeline.builder(transport)
            .credentials(
                registry -> {
                  throw new IOException("docker-credential-desktop is not installed");
                })
            .sleeper(sleeper)
            .build();

    assertThat(http.send(get("registry.example", "/v2/x/tags/list")).status()).isEqualTo(200);
    assertThat(transport.requests).noneMatch(r -> r.headers().contains("Authorization"));
  }

  @Test
  void retryAfter_parsesSecondsDatesAndJunk() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(
            Retry.retryAfter(
                dev.registrykit.client.transport.HttpHeaders.of("Retry-After", "120"), now))
        .contains(Duration.ofSeconds(120));
    assertThat(
            Retry.retryAfter(
                dev.registrykit.client.transport.HttpHeaders.of(
                    "Retry-After", "Thu, 01 Jan 2026 00:00:30 GMT"),
                now))
        .contains(Duration.ofSeconds(30));
    assertThat(
            Retry.retryAfter(
                dev.registrykit.client.transport.HttpHeaders.of(
                    "Retry-After", "Wed, 31 Dec 2025 00:00:00 GMT"),
                now))
        .contains(Duration.ZERO);
    assertThat(
            Retry.retryAfter(
                dev.registrykit.client.transport.HttpHeaders.of("Retry-After", "soon"), now))
        .isEmpty();
    assertThat(Retry.retryAfter(dev.registrykit.client.transport.HttpHeaders.empty(), now))
        .isEmpty();
    assertThat(
            Retry.retryAfter(
                dev.registrykit.client.transport.HttpHeaders.of(
                    "Retry-After", "99999999999999999999999"),
                now))
        .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
  }

  @Test
  void redirectPolicy_internalAddresses_loopbackByCoresRule() {
    assertThat(RedirectPolicy.isInternal("localhost")).isTrue();
    assertThat(RedirectPolicy.isInternal("127.1.2.3")).isTrue();
    assertThat(RedirectPolicy.isInternal("[::1]")).isTrue();
    assertThat(RedirectPolicy.isInternal("10.1.2.3")).isTrue();
    assertThat(RedirectPolicy.isInternal("192.168.0.1")).isTrue();
    assertThat(RedirectPolicy.isInternal("172.20.0.1")).isTrue();
    assertThat(RedirectPolicy.isInternal("169.254.169.254")).isTrue();
    assertThat(RedirectPolicy.isInternal("[fd00::1]")).isTrue();
    assertThat(RedirectPolicy.isInternal("8.8.8.8")).isFalse();
    assertThat(RedirectPolicy.isInternal("s3.amazonaws.com")).isFalse();
    assertThat(RedirectPolicy.isInternal("localhost.example.com")).isFalse();
    assertThat(Urls.host("[::1]:5000")).isEqualTo("[::1]");
    assertThat(Urls.host("localhost:5000")).isEqualTo("localhost");
  }

  @Test
  void execute_nextPageLinkToAnotherHost_isReportedAsSuch() {
    ScriptedTransport transport = new ScriptedTransport(r -> response(r, 200));
    Pipeline http = Pipeline.builder(transport).sleeper(sleeper).build();

    assertThatThrownBy(
            () ->
                http.send(
                    CallBuilder.builder(
                            "GET",
                            "registry.example",
                            URI.create("https://elsewhere.example/v2/x/tags/list?n=100&last=b"))
                        .build()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(
            "refusing to follow the next-page link to https://elsewhere.example/v2/x/tags/list")
        .hasMessageNotContaining("upload");
    assertThat(transport.requests).noneMatch(r -> r.uri().getHost().equals("elsewhere.example"));
  }

  /** A registry that accepts every connection and never answers. */
  private static ScriptedTransport silentRegistry() {
    return new ScriptedTransport(
        r -> {
          throw new java.net.SocketTimeoutException(
              "registry.example:443 accepted the connection but sent nothing for 30 s");
        });
  }
}
