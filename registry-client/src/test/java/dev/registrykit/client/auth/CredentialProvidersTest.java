package dev.registrykit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CredentialProvidersTest {
  private static final String SECRET = "hunter2-Secret";

  @TempDir Path home;

  private static String auth(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private CredentialProviders.Environment env(Map<String, String> variables) {
    return new CredentialProviders.Environment(variables, home, Duration.ofSeconds(20));
  }

  private Path dockerConfig(String json) throws IOException {
    Path dir = Files.createDirectories(home.resolve(".docker"));
    return Files.writeString(dir.resolve("config.json"), json);
  }

  /**
   * A fake docker-credential-NAME: prints its stdin's server URL back in Username, or "not found".
   */
  private Path helper(String name, String script) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path file = bin.resolve("docker-credential-" + name);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  @Test
  void dockerConfig_authsEntry_decodesUserAndPassword() throws IOException {
    dockerConfig("{\"auths\":{\"localhost:5000\":{\"auth\":\"" + auth("alice", SECRET) + "\"}}}");
    CredentialProvider provider = CredentialProviders.dockerConfig(env(Map.of()));

    assertThat(provider.credentialFor("localhost:5000"))
        .contains(Credential.usernamePassword("alice", SECRET));
    assertThat(provider.credentialFor("LOCALHOST:5000"))
        .contains(Credential.usernamePassword("alice", SECRET));
    assertThat(provider.credentialFor("localhost:5001")).isEmpty();
  }

  @Test
  void dockerConfig_dockerHubKey_servesEveryHubAlias() throws IOException {
    dockerConfig(
        "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("bob", SECRET) + "\"}}}");
    CredentialProvider provider = CredentialProviders.dockerConfig(env(Map.of()));

    for (String name : new String[] {"docker.io", "index.docker.io", "registry-1.docker.io"}) {
      assertThat(provider.credentialFor(name))
          .as(name)
          .contains(Credential.usernamePassword("bob", SECRET));
    }
  }

  @Test
  void dockerConfig_identityToken_becomesIdentityTokenCredential() throws IOException {
    dockerConfig(
        "{\"auths\":{\"ghcr.io\":{\"auth\":\""
            + auth("carol", "")
            + "\",\"identitytoken\":\""
            + SECRET
            + "\"}}}");

    Optional<Credential> credential =
        CredentialProviders.dockerConfig(env(Map.of())).credentialFor("ghcr.io");

    assertThat(credential).contains(new Credential.IdentityToken(Optional.of("carol"), SECRET));
    assertThat(credential.get().toString()).doesNotContain(SECRET);
  }

  @Test
  void dockerConfig_dockerConfigVariable_pointsToAnotherDirectory() throws IOException {
    Path other = Files.createDirectories(home.resolve("elsewhere"));
    Files.writeString(
        other.resolve("config.json"),
        "{\"auths\":{\"r.example\":{\"auth\":\"" + auth("dan", SECRET) + "\"}}}");

    CredentialProvider provider =
        CredentialProviders.dockerConfig(env(Map.of("DOCKER_CONFIG", other.toString())));

    assertThat(provider.credentialFor("r.example"))
        .contains(Credential.usernamePassword("dan", SECRET));
  }

  @Test
  void dockerConfig_missingFile_hasNoCredentials() throws IOException {
    assertThat(CredentialProviders.dockerConfig(env(Map.of())).credentialFor("docker.io"))
        .isEmpty();
  }

  @Test
  void dockerConfig_credHelper_isAskedWithTheServerUrl() throws IOException {
    Path bin =
        helper(
            "fake",
            "read url; case \"$url\" in https://index.docker.io/v1/) u=hub-user;; localhost:5000) u=local-user;;"
                + " *) u=wrong;; esac; printf '{\"ServerURL\":\"%s\",\"Username\":\"%s\",\"Secret\":\""
                + SECRET
                + "\"}' \"$url\" \"$u\"");
    dockerConfig("{\"credHelpers\":{\"docker.io\":\"fake\",\"localhost:5000\":\"fake\"}}");
    CredentialProvider provider =
        CredentialProviders.dockerConfig(env(Map.of("PATH", bin.toString())));

    assertThat(provider.credentialFor("index.docker.io"))
        .contains(Credential.usernamePassword("hub-user", SECRET));
    assertThat(provider.credentialFor("localhost:5000"))
        .contains(Credential.usernamePassword("local-user", SECRET));
  }

  @Test
  void dockerConfig_credsStoreTokenUser_meansIdentityToken() throws IOException {
    Path bin =
        helper(
            "store",
            "read url; echo '{\"ServerURL\":\"x\",\"Username\":\"<token>\",\"Secret\":\""
                + SECRET
                + "\"}'");
    dockerConfig("{\"credsStore\":\"store\"}");

    assertThat(
            CredentialProviders.dockerConfig(env(Map.of("PATH", bin.toString())))
                .credentialFor("quay.io"))
        .contains(Credential.identityToken(SECRET));
  }

  @Test
  void dockerConfig_credsStoreNotFound_fallsBackToAuths() throws IOException {
    Path bin = helper("store", "read url; echo 'credentials not found in native keychain'; exit 1");
    dockerConfig(
        "{\"credsStore\":\"store\",\"auths\":{\"quay.io\":{\"auth\":\""
            + auth("erin", SECRET)
            + "\"}}}");
    CredentialProvider provider =
        CredentialProviders.dockerConfig(env(Map.of("PATH", bin.toString())));

    assertThat(provider.credentialFor("quay.io"))
        .contains(Credential.usernamePassword("erin", SECRET));
    assertThat(provider.credentialFor("ghcr.io")).isEmpty();
  }

  @Test
  void dockerConfig_helperMissing_saysWhichHelperAndWhere() throws IOException {
    Path config = dockerConfig("{\"credsStore\":\"desktop\"}");
    CredentialProvider provider =
        CredentialProviders.dockerConfig(env(Map.of("PATH", home.resolve("empty").toString())));

    assertThatThrownBy(() -> provider.credentialFor("docker.io"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-desktop")
        .hasMessageContaining("credsStore in " + config)
        .hasMessageContaining("PATH");
  }

  @Test
  void dockerConfig_helperFails_reportsExitStatusNotSecrets() throws IOException {
    Path bin = helper("broken", "read url; echo 'keychain locked' >&2; exit 3");
    dockerConfig("{\"credHelpers\":{\"ghcr.io\":\"broken\"}}");

    assertThatThrownBy(
            () ->
                CredentialProviders.dockerConfig(env(Map.of("PATH", bin.toString())))
                    .credentialFor("ghcr.io"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("exit status 3")
        .hasMessageContaining("keychain locked");
  }

  @Test
  void dockerConfig_helperHangs_isKilledAfterTheTimeout() throws IOException {
    Path bin = helper("slow", "sleep 30");
    dockerConfig("{\"credHelpers\":{\"ghcr.io\":\"slow\"}}");
    CredentialProvider provider =
        CredentialProviders.dockerConfig(
            new CredentialProviders.Environment(
                Map.of("PATH", bin.toString()), home, Duration.ofMillis(300)));

    assertThatThrownBy(() -> provider.credentialFor("ghcr.io")).isInstanceOf(IOException.class);
  }

  @Test
  void dockerConfig_invalidJson_errorDoesNotQuoteTheFile() throws IOException {
    dockerConfig("{\"auths\":{\"x\":{\"auth\":\"" + SECRET + "\"");

    assertThatThrownBy(() -> CredentialProviders.dockerConfig(env(Map.of())).credentialFor("x"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void podmanAuthFile_registryAuthFileVariable_wins() throws IOException {
    Path file =
        Files.writeString(
            home.resolve("auth.json"),
            "{\"auths\":{\"quay.io/team/app\":{\"auth\":\""
                + auth("repo-user", "x")
                + "\"},\"quay.io\":{\"auth\":\""
                + auth("frank", SECRET)
                + "\"}}}");

    CredentialProvider provider =
        CredentialProviders.podmanAuthFile(env(Map.of("REGISTRY_AUTH_FILE", file.toString())));

    assertThat(provider.credentialFor("quay.io"))
        .contains(Credential.usernamePassword("frank", SECRET));
  }

  @Test
  void podmanAuthFile_xdgRuntimeDir_thenXdgConfig() throws IOException {
    Path runtime = Files.createDirectories(home.resolve("run/containers"));
    Files.writeString(
        runtime.resolve("auth.json"),
        "{\"auths\":{\"a.example\":{\"auth\":\"" + auth("gina", SECRET) + "\"}}}");
    Path config = Files.createDirectories(home.resolve(".config/containers"));
    Files.writeString(
        config.resolve("auth.json"),
        "{\"auths\":{\"b.example\":{\"auth\":\"" + auth("hank", SECRET) + "\"}}}");

    CredentialProvider provider =
        CredentialProviders.podmanAuthFile(
            env(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString())));

    assertThat(provider.credentialFor("a.example"))
        .contains(Credential.usernamePassword("gina", SECRET));
    assertThat(provider.credentialFor("b.example"))
        .contains(Credential.usernamePassword("hank", SECRET));
  }

  @Test
  void chain_firstProviderWithACredentialWins() throws IOException {
    CredentialProvider chain =
        CredentialProviders.chain(
            CredentialProviders.fixed("a.example", Credential.usernamePassword("first", "1")),
            CredentialProviders.fixed("a.example", Credential.usernamePassword("second", "2")),
            CredentialProviders.fixed("docker.io", Credential.registryToken(SECRET)));

    assertThat(chain.credentialFor("a.example"))
        .contains(Credential.usernamePassword("first", "1"));
    assertThat(chain.credentialFor("registry-1.docker.io"))
        .contains(Credential.registryToken(SECRET));
    assertThat(chain.credentialFor("c.example")).isEmpty();
    assertThat(CredentialProviders.anonymous().credentialFor("a.example")).isEmpty();
    assertThat(
            CredentialProviders.fixed(
                    dev.registrykit.core.reference.Registry.parse("localhost:5000"),
                    Credential.registryToken(SECRET))
                .credentialFor(dev.registrykit.core.reference.Registry.parse("localhost:5000")))
        .contains(Credential.registryToken(SECRET));
  }

  @Test
  void canonicalRegistry_stripsSchemeAndPathAndFoldsHub() {
    assertThat(CredentialProviders.canonicalRegistry("https://index.docker.io/v1/"))
        .isEqualTo("docker.io");
    assertThat(CredentialProviders.canonicalRegistry("http://Localhost:5000/v2/"))
        .isEqualTo("localhost:5000");
    assertThat(CredentialProviders.canonicalRegistry("quay.io/ns/repo")).isEqualTo("quay.io");
  }

  @Test
  void credentials_toString_neverShowSecrets() {
    assertThat(Credential.usernamePassword("u", SECRET).toString())
        .contains("u")
        .doesNotContain(SECRET);
    assertThat(Credential.identityToken(SECRET).toString()).doesNotContain(SECRET);
    assertThat(Credential.registryToken(SECRET).toString()).doesNotContain(SECRET);
    assertThat(CredentialProviders.fixed("x", Credential.usernamePassword("u", SECRET)).toString())
        .doesNotContain(SECRET);
  }
}
