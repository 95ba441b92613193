package dev.registrykit.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the real Distribution registry in each mode and checks {@code /v2/} with the JDK client.
 */
@Timeout(120)
class DistributionRegistryTest {

  private static final PeerCredentials ALICE = PeerCredentials.of("alice", "wonder land");

  @BeforeAll
  static void peers() {
    Peers.requireDistribution();
  }

  @Test
  void start_plain_v2Answers200() throws Exception {
    Path storage;
    try (DistributionRegistry registry = DistributionRegistry.startPlain()) {
      storage = registry.storageDirectory();
      assertThat(registry.scheme()).isEqualTo("http");
      assertThat(registry.hostPort()).startsWith("127.0.0.1:");
      assertThat(registry.baseUri()).isEqualTo(URI.create("http://" + registry.hostPort()));
      HttpResponse<String> response = get(HttpClient.newHttpClient(), registry.baseUri(), null);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Docker-Distribution-API-Version"))
          .contains("registry/2.0");
      assertThat(registry.logFile()).exists();
      assertThat(Files.isDirectory(storage)).isTrue();
    }
    assertThat(storage).doesNotExist();
  }

  @Test
  void close_running_processStoppedAndIdempotent() throws Exception {
    DistributionRegistry registry = DistributionRegistry.startPlain();
    ProcessHandle handle = ProcessHandle.of(registry.pid()).orElseThrow();
    registry.close();
    registry.close();
    assertThat(handle.isAlive()).isFalse();
    assertThat(registry.isAlive()).isFalse();
  }

  @Test
  void start_basicAuth_challengesAndAcceptsOnlyTheRightPassword() throws Exception {
    try (DistributionRegistry registry =
        DistributionRegistry.builder().basicAuth(ALICE).realm("peers-test").start()) {
      HttpClient client = HttpClient.newHttpClient();

      HttpResponse<String> anonymous = get(client, registry.baseUri(), null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .contains("Basic realm=\"peers-test\"");
      assertThat(anonymous.body()).contains("UNAUTHORIZED");

      assertThat(get(client, registry.baseUri(), basic("alice", "wonder land")).statusCode())
          .isEqualTo(200);
      assertThat(get(client, registry.baseUri(), basic("alice", "wonderland")).statusCode())
          .isEqualTo(401);
      assertThat(registry.credentials()).contains(ALICE);
    }
  }

  @Test
  void start_tls_v2Answers200ToClientTrustingTheCa() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().tls().start()) {
      PeerTls tls = registry.tls().orElseThrow();
      assertThat(registry.baseUri().toString()).startsWith("https://127.0.0.1:");
      assertThat(Files.readString(tls.caCertificatePem()))
          .startsWith("-----BEGIN CERTIFICATE-----");
      try (var certDir = Files.list(tls.certDirectory())) {
        assertThat(certDir.map(p -> p.getFileName().toString())).containsExactly("ca.crt");
      }

      HttpClient trusting = HttpClient.newBuilder().sslContext(tls.clientSslContext()).build();
      assertThat(get(trusting, registry.baseUri(), null).statusCode()).isEqualTo(200);

      HttpClient jdkDefaults = HttpClient.newHttpClient();
      assertThatThrownBy(() -> get(jdkDefaults, registry.baseUri(), null))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void start_tlsAndBasicAuth_401ThenOkWithPassword() throws Exception {
    try (DistributionRegistry registry =
        DistributionRegistry.builder().tls().basicAuth(ALICE).start()) {
      HttpClient trusting =
          HttpClient.newBuilder()
              .sslContext(registry.tls().orElseThrow().clientSslContext())
              .build();
      assertThat(get(trusting, registry.baseUri(), null).statusCode()).isEqualTo(401);
      assertThat(get(trusting, registry.baseUri(), basic("alice", "wonder land")).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void start_bearerAuth_challengesAndAcceptsOnlyTokensFromItsServer() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().bearerAuth(ALICE).start()) {
      HttpClient client = HttpClient.newHttpClient();
      URI realm = registry.tokenRealm().orElseThrow();
      assertThat(realm.toString()).startsWith("http://127.0.0.1:").endsWith("/token");

      HttpResponse<String> anonymous = get(client, registry.baseUri(), null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"" + realm + "\",service=\"registrykit-test\"");

      String scope = "repository:peers/app:pull";
      URI tokenUri = URI.create(realm + "?service=registrykit-test&scope=" + scope);
      HttpResponse<String> wrong = send(client, tokenUri, basic("alice", "wrong"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("wrong");

      String userToken = tokenFrom(send(client, tokenUri, basic("alice", "wonder land")));
      String anonymousToken = tokenFrom(send(client, tokenUri, null));
      URI manifest = registry.baseUri().resolve("/v2/peers/app/manifests/v1");
      // The user's token is accepted (the image just does not exist); an anonymous one lacks scope.
      assertThat(send(client, manifest, "Bearer " + userToken).body()).contains("MANIFEST_UNKNOWN");
      assertThat(send(client, manifest, "Bearer " + anonymousToken).statusCode()).isEqualTo(401);
      assertThat(send(client, manifest, "Bearer " + userToken + "x").statusCode()).isEqualTo(401);
      assertThat(registry.toString()).contains("bearer auth").doesNotContain("wonder land");
    }
  }

  @Test
  void start_bearerAuth_oauth2PasswordGrantGivesAccessToken() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().bearerAuth(ALICE).start()) {
      HttpClient client = HttpClient.newHttpClient();
      String form =
          "grant_type=password&service=registrykit-test&client_id=test&username=alice"
              + "&password=wonder+land&scope=repository%3Apeers%2Fapp%3Apull%2Cpush";
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(registry.tokenRealm().orElseThrow())
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      String token = response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
      URI manifest = registry.baseUri().resolve("/v2/peers/app/manifests/v1");
      assertThat(send(client, manifest, "Bearer " + token).body()).contains("MANIFEST_UNKNOWN");
    }
  }

  @Test
  void builder_basicThenBearer_rejected() {
    assertThatThrownBy(() -> DistributionRegistry.builder().basicAuth(ALICE).bearerAuth(ALICE))
        .isInstanceOf(IllegalStateException.class);
  }

  private static String tokenFrom(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
  }

  private static HttpResponse<String> send(HttpClient client, URI uri, String authorization)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(HttpClient client, URI base, String authorization)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/")).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
