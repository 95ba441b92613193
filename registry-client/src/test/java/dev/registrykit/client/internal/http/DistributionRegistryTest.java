package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.Scope;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.PeerCredentials;
import dev.registrykit.interop.Peers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipeline against the real CNCF Distribution registry: plain HTTP, TLS with a private CA,
 * htpasswd, tokens.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributionRegistryTest {
  private static final String PASSWORD = "pa55-w0rd-Real";

  @BeforeAll
  static void peers() {
    Peers.requireDistribution();
  }

  @Test
  void plainHttpRegistryOnLoopback_fallsBackAndPushesAndPullsABlob() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.startPlain();
        Pipeline http = Pipeline.builder(ApacheHttpTransport.create()).build()) {
      assertThat(http.baseUri(registry.hostPort()).getScheme()).isEqualTo("http");
      roundTripBlob(http, registry.hostPort(), "demo/plain");
    }
  }

  @Test
  void tlsWithPrivateCaAndHtpasswd_pushesWithBasicAuth() throws Exception {
    try (DistributionRegistry registry =
            DistributionRegistry.builder()
                .tls()
                .basicAuth(PeerCredentials.of("alice", PASSWORD))
                .start();
        Pipeline http =
            Pipeline.builder(
                    ApacheHttpTransport.builder()
                        .trustedCertificates(registry.tls().orElseThrow().caCertificatePem())
                        .build())
                .credentials(
                    CredentialProviders.fixed(
                        registry.hostPort(), Credential.usernamePassword("alice", PASSWORD)))
                .build()) {
      assertThat(http.baseUri(registry.hostPort()).getScheme()).isEqualTo("https");
      roundTripBlob(http, registry.hostPort(), "demo/tls");
    }
  }

  @Test
  void tlsWithoutTheCa_failsWithTlsExceptionAndNoFallback() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().tls().start();
        Pipeline http = Pipeline.builder(ApacheHttpTransport.create()).build()) {
      assertThatThrownBy(() -> http.baseUri(registry.hostPort()))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageContaining("not trusted");
    }
  }

  @Test
  void htpasswdWithWrongPassword_throwsAuthenticationExceptionWithoutThePassword()
      throws Exception {
    try (DistributionRegistry registry =
            DistributionRegistry.builder()
                .basicAuth(PeerCredentials.of("alice", PASSWORD))
                .start();
        Pipeline http =
            Pipeline.builder(ApacheHttpTransport.create())
                .credentials(
                    CredentialProviders.fixed(
                        registry.hostPort(),
                        Credential.usernamePassword("alice", "wrong-" + PASSWORD)))
                .build()) {
      Call list =
          CallBuilder.builder("GET", registry.hostPort(), "/v2/demo/x/tags/list")
              .scope(Scope.repository("demo/x", "pull"))
              .description("GET tags " + registry.hostPort() + "/demo/x")
              .build();
      assertThatThrownBy(() -> http.send(list))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("GET tags " + registry.hostPort() + "/demo/x")
          .hasMessageContaining("refused the credentials")
          .hasMessageNotContaining(PASSWORD);
    }
  }

  @Test
  void bearerTokenServer_pushesWithTokenAndRefusesAnonymousPush() throws Exception {
    try (DistributionRegistry registry =
        DistributionRegistry.builder().bearerAuth(PeerCredentials.of("bob", PASSWORD)).start()) {
      try (Pipeline http =
          Pipeline.builder(ApacheHttpTransport.create())
              .credentials(
                  CredentialProviders.fixed(
                      registry.hostPort(), Credential.usernamePassword("bob", PASSWORD)))
              .build()) {
        roundTripBlob(http, registry.hostPort(), "demo/bearer");
      }
      try (Pipeline anonymous = Pipeline.builder(ApacheHttpTransport.create()).build()) {
        Call start =
            CallBuilder.builder("POST", registry.hostPort(), "/v2/demo/anon/blobs/uploads/")
                .scope(Scope.repository("demo/anon", "pull", "push"))
                .build();
        assertThatThrownBy(() -> anonymous.send(start))
            .isInstanceOf(AuthenticationException.class)
            .hasMessageContaining(registry.hostPort());
      }
    }
  }

  /** POST + monolithic PUT of a blob, then GET it back and compare. */
  private static void roundTripBlob(Pipeline http, String registry, String repository)
      throws IOException {
    byte[] content = ("blob of " + repository).getBytes(StandardCharsets.UTF_8);
    String digest = "sha256:" + sha256(content);
    Scope push = Scope.repository(repository, "pull", "push");
    Call start =
        CallBuilder.builder("POST", registry, "/v2/" + repository + "/blobs/uploads/")
            .scope(push)
            .build();
    URI location;
    try (HttpResponse response = http.send(start)) {
      assertThat(response.status()).isEqualTo(202);
      location = http.location(start, response).orElseThrow();
    }
    String separator = location.getRawQuery() == null ? "?" : "&";
    Call put =
        CallBuilder.builder("PUT", registry, URI.create(location + separator + "digest=" + digest))
            .body(RequestBody.ofBytes(content, "application/octet-stream"))
            .scope(push)
            .build();
    try (HttpResponse response = http.send(put)) {
      assertThat(response.status()).isEqualTo(201);
    }
    Call get =
        CallBuilder.builder("GET", registry, "/v2/" + repository + "/blobs/" + digest)
            .scope(Scope.repository(repository, "pull"))
            .build();
    try (HttpResponse response = http.send(get)) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().readAllBytes()).isEqualTo(content);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
