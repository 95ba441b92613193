package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.DockerCredentialStore;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.PeerCredentials;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import dev.registrykit.interop.SkopeoResult;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RegistryLogin}: verify first, then store; against the fake and the real Distribution
 * registry.
 */
@Timeout(120)
class RegistryLoginTest {
  private static final String PASSWORD = "correct-horse-7";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = AuthMode.class,
      names = {"BASIC", "TOKEN"})
  void login_fakeWithAuth_storesOnlyAcceptedCredentials(AuthMode mode) throws IOException {
    try (FakeRegistry fake = FakeRegistry.builder().auth(mode).user("alice", PASSWORD).start()) {
      Registry registry = Registry.parse(fake.host());
      DockerCredentialStore store = DockerCredentialStore.of(dir.resolve("config.json"));

      assertThatThrownBy(
              () ->
                  RegistryLogin.login(
                      registry,
                      Credential.usernamePassword("alice", PASSWORD + "x"),
                      store,
                      TestClients.plain(registry)))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageNotContaining(PASSWORD);
      assertThat(Files.exists(store.file())).as("a failed login writes nothing").isFalse();

      DockerCredentialStore.Location where =
          RegistryLogin.login(
              registry,
              Credential.usernamePassword("alice", PASSWORD),
              store,
              TestClients.plain(registry));

      assertThat(where.helper()).isEmpty();
      assertThat(store.provider().credentialFor(registry.toString()))
          .contains(Credential.usernamePassword("alice", PASSWORD));
      // The stored credentials are what a client reading the same file then uses.
      try (RegistryClient client =
          TestClients.plain(registry).credentials(store.provider()).build()) {
        assertThat(client.catalog(registry)).isEmpty();
      }
    }
  }

  @Test
  void login_tokenEndpointIssuesARefreshToken_storedAsIdentityTokenAndUsedInsteadOfThePassword()
      throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .refreshTokens()
            .user("alice", PASSWORD)
            .start()) {
      Registry registry = Registry.parse(fake.host());
      DockerCredentialStore store = DockerCredentialStore.of(dir.resolve("config.json"));

      RegistryLogin.login(
          registry,
          Credential.usernamePassword("alice", PASSWORD),
          store,
          TestClients.plain(registry));

      Credential stored = store.provider().credentialFor(registry.toString()).orElseThrow();
      assertThat(stored).isInstanceOf(Credential.IdentityToken.class);
      assertThat(((Credential.IdentityToken) stored).username()).contains("alice");
      assertThat(((Credential.IdentityToken) stored).token()).startsWith("fake-refresh-");
      String file = Files.readString(store.file());
      assertThat(file).contains("\"identitytoken\"").doesNotContain(PASSWORD);
      assertThat(fake.requests())
          .anyMatch(
              e ->
                  e.path().equals("/token") && e.query().orElse("").contains("offline_token=true"));

      fake.clearRequests();
      try (RegistryClient client =
          TestClients.plain(registry).credentials(store.provider()).build()) {
        GeneratedImage image = RandomImages.image(51, 1, 256);
        Remote.push(
            client,
            image.asImage(),
            ImageReference.parse(fake.host() + "/team/app:1"),
            TransferOptions.defaults());
        assertThat(client.listTags(Repository.parse(fake.host() + "/team/app"))).hasSize(1);
      }
      // Every token came from the refresh token (OAuth2 POST), none from the password (GET +
      // Basic).
      assertThat(fake.requests())
          .filteredOn(e -> e.path().equals("/token"))
          .isNotEmpty()
          .allMatch(e -> e.method().equals("POST") && e.status() == 200);
    }
  }

  @Test
  void login_twiceWithOneBuilder_asksForOfflineAccessOncePerExchange() throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("alice", PASSWORD)
            .refreshTokens()
            .start()) {
      Registry registry = Registry.parse(fake.host());
      DockerCredentialStore store = DockerCredentialStore.of(dir.resolve("config.json"));
      RegistryClient.Builder settings = TestClients.plain(registry);

      for (int i = 0; i < 2; i++) {
        RegistryLogin.login(
            registry, Credential.usernamePassword("alice", PASSWORD), store, settings);
      }

      // Offline access is the login's client's, not left on the caller's builder: the second
      // login's token request carries its parameters once, as the first one's does.
      assertThat(fake.requests())
          .filteredOn(e -> e.path().equals("/token"))
          .hasSize(2)
          .allMatch(e -> e.query().orElse("").split("offline_token=", -1).length == 2);
    }
  }

  @Test
  void login_userInterceptorsSeeTheTokenRequestAsSent_offlineAccessIncluded() throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("alice", PASSWORD)
            .refreshTokens()
            .start()) {
      Registry registry = Registry.parse(fake.host());
      List<String> seen = new CopyOnWriteArrayList<>();
      RegistryClient.Builder settings =
          TestClients.plain(registry)
              .interceptor(
                  chain -> {
                    seen.add(chain.request().method() + " " + chain.request().uri());
                    return chain.proceed(chain.request());
                  });

      RegistryLogin.login(
          registry,
          Credential.usernamePassword("alice", PASSWORD),
          DockerCredentialStore.of(dir.resolve("config.json")),
          settings);

      // Offline access is part of the token request the pipeline makes, not a rewrite below the
      // caller's interceptors: what they see is what the token endpoint got.
      assertThat(seen)
          .filteredOn(line -> line.contains("/token"))
          .singleElement()
          .satisfies(line -> assertThat(line).contains("offline_token=true&client_id=registrykit"));
      assertThat(fake.requests())
          .filteredOn(e -> e.path().equals("/token"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.query().orElse(""))
                      .contains("offline_token=true&client_id=registrykit"));
    }
  }

  @Test
  void client_builtAfterALogin_asksForNoOfflineAccess() throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder()
            .auth(AuthMode.TOKEN)
            .user("alice", PASSWORD)
            .refreshTokens()
            .start()) {
      Registry registry = Registry.parse(fake.host());
      RegistryClient.Builder settings = TestClients.plain(registry);
      RegistryLogin.verify(registry, Credential.usernamePassword("alice", PASSWORD), settings);
      fake.clearRequests();

      try (RegistryClient client = settings.build()) {
        assertThat(client.catalog(registry)).isEmpty();
      }

      assertThat(fake.requests())
          .filteredOn(e -> e.path().equals("/token"))
          .isNotEmpty()
          .noneMatch(e -> e.query().orElse("").contains("offline_token"));
    }
  }

  @Test
  void login_tokenEndpointWithoutRefreshTokens_storesThePassword() throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", PASSWORD).start()) {
      Registry registry = Registry.parse(fake.host());
      DockerCredentialStore store = DockerCredentialStore.of(dir.resolve("config.json"));

      RegistryLogin.login(
          registry,
          Credential.usernamePassword("alice", PASSWORD),
          store,
          TestClients.plain(registry));

      assertThat(store.provider().credentialFor(registry.toString()))
          .contains(Credential.usernamePassword("alice", PASSWORD));
    }
  }

  @Test
  void login_failedVerification_leavesAnExistingFileByteForByte() throws IOException {
    try (FakeRegistry fake =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", PASSWORD).start()) {
      Registry registry = Registry.parse(fake.host());
      Path file =
          Files.writeString(dir.resolve("config.json"), "{\"auths\":{},\"psFormat\":\"x\"}");

      assertThatThrownBy(
              () ->
                  RegistryLogin.login(
                      registry,
                      Credential.usernamePassword("mallory", PASSWORD),
                      DockerCredentialStore.of(file),
                      TestClients.plain(registry)))
          .isInstanceOf(AuthenticationException.class);

      assertThat(Files.readString(file)).isEqualTo("{\"auths\":{},\"psFormat\":\"x\"}");
    }
  }

  @Test
  void login_registryDown_isAConnectionFailureAndWritesNothing() throws IOException {
    Registry registry;
    try (FakeRegistry fake = FakeRegistry.builder().start()) {
      registry = Registry.parse(fake.host());
    }
    DockerCredentialStore store = DockerCredentialStore.of(dir.resolve("config.json"));

    assertThatThrownBy(
            () ->
                RegistryLogin.login(
                    registry,
                    Credential.usernamePassword("alice", PASSWORD),
                    store,
                    TestClients.plain(registry)))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(AuthenticationException.class);
    assertThat(Files.exists(store.file())).isFalse();
  }

  @Test
  void loginThenLogout_realDistributionWithTokenAuth_skopeoReadsTheFileThenIsRefused()
      throws Exception {
    Peers.requireDistribution();
    Peers.requireSkopeo();
    PeerCredentials alice = PeerCredentials.of("alice", PASSWORD);
    try (DistributionRegistry real = DistributionRegistry.builder().bearerAuth(alice).start()) {
      Registry registry = Registry.parse(real.hostPort());
      GeneratedImage image = RandomImages.image(14, 1, 512);
      Path layout = image.writeOciLayout(dir.resolve("layout"), "v1");
      Skopeo skopeo = Skopeo.create();
      skopeo.copy(
          "oci:" + layout + ":v1",
          real.dockerReference("login/app:v1"),
          SkopeoAccess.local(),
          SkopeoAccess.plainHttp().withCredentials(alice),
          "--preserve-digests");
      Path authfile = dir.resolve("docker").resolve("config.json");
      DockerCredentialStore store = DockerCredentialStore.of(authfile);

      RegistryLogin.login(
          registry,
          Credential.usernamePassword("alice", PASSWORD),
          store,
          TestClients.plain(registry));

      List<String> inspect =
          List.of(
              "inspect",
              "--tls-verify=false",
              "--authfile",
              authfile.toString(),
              real.dockerReference("login/app:v1"));
      SkopeoResult read = skopeo.runChecked(inspect, Set.of(PASSWORD));
      assertThat(read.stdout()).contains(image.digest().toString());

      assertThat(RegistryLogin.logout(registry, store)).isTrue();
      assertThat(skopeo.run(inspect, Set.of(PASSWORD)).succeeded()).isFalse();
      assertThat(RegistryLogin.logout(registry, store)).isFalse();
    }
  }
}
