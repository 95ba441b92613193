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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DockerCredentialStoreTest {
  private static final String SECRET = "hunter2-Secret";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path home;

  private CredentialProviders.Environment env(Map<String, String> variables) {
    return new CredentialProviders.Environment(variables, home, Duration.ofSeconds(20));
  }

  private Path configFile() {
    return home.resolve(".docker").resolve("config.json");
  }

  private JsonNode config() throws IOException {
    return JSON.readTree(Files.readString(configFile()));
  }

  private static String decode(JsonNode auth) {
    return new String(Base64.getDecoder().decode(auth.asString()), StandardCharsets.UTF_8);
  }

  @Test
  void store_noFile_createsOwnerOnlyFileReadBackByTheProviders() throws IOException {
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    DockerCredentialStore.Location where =
        store.store("localhost:5000", Credential.usernamePassword("alice", SECRET));

    assertThat(where.helper()).isEmpty();
    assertThat(where.file()).isEqualTo(configFile());
    assertThat(decode(config().path("auths").path("localhost:5000").path("auth")))
        .isEqualTo("alice:" + SECRET);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile())))
        .isEqualTo("rw-------");
    assertThat(CredentialProviders.dockerConfig(env(Map.of())).credentialFor("localhost:5000"))
        .contains(Credential.usernamePassword("alice", SECRET));
    try (var files = Files.list(configFile().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly("config.json");
    }
  }

  @Test
  void store_dockerHub_usesDockersOwnKeyAndReplacesAliases() throws IOException {
    Files.createDirectories(configFile().getParent());
    Files.writeString(
        configFile(), "{\"auths\":{\"index.docker.io\":{\"auth\":\"b2xkOm9sZA==\"}}}");
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    store.store("docker.io", Credential.usernamePassword("bob", SECRET));

    assertThat(config().path("auths").propertyNames())
        .containsExactly("https://index.docker.io/v1/");
    assertThat(decode(config().path("auths").path("https://index.docker.io/v1/").path("auth")))
        .isEqualTo("bob:" + SECRET);
  }

  @Test
  void storeAndErase_unknownKeysAndOtherRegistries_comeBackIntact() throws IOException {
    Files.createDirectories(configFile().getParent());
    String original =
        "{\"psFormat\":\"table {{.ID}}\",\"auths\":{\"ghcr.io\":{\"auth\":\"eDp5\",\"email\":\"e@x\"}},"
            + "\"proxies\":{\"default\":{\"httpProxy\":\"http://proxy:3128\"}},\"plugins\":[1,2.50,{\"x\":null}],"
            + "\"big\":123456789012345678901234567890,\"precise\":0.1000000000000000055511151231257827}";
    Files.writeString(configFile(), original);
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    store.store("localhost:5000", Credential.usernamePassword("alice", SECRET));
    assertThat(store.erase("localhost:5000")).isTrue();

    JsonNode expected =
        JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readTree(original);
    JsonNode actual =
        JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .readTree(Files.readString(configFile()));
    assertThat(actual).isEqualTo(expected);
    assertThat(Files.readString(configFile()))
        .contains("0.1000000000000000055511151231257827", "2.50");
    assertThat(store.erase("localhost:5000")).isFalse();
  }

  @Test
  void erase_everyKeyForTheRegistry_removedOthersKept() throws IOException {
    Files.createDirectories(configFile().getParent());
    Files.writeString(
        configFile(),
        "{\"auths\":{\"https://quay.io\":{\"auth\":\"eDp5\"},\"quay.io/team\":{\"auth\":\"eDp5\"},"
            + "\"quay.io\":{\"auth\":\"eDp5\"},\"ghcr.io\":{\"auth\":\"eDp5\"}}}");

    assertThat(DockerCredentialStore.of(env(Map.of())).erase("quay.io")).isTrue();

    assertThat(config().path("auths").propertyNames()).containsExactly("ghcr.io");
  }

  @Test
  void store_invalidJson_refusedAndFileUnchanged() throws IOException {
    Files.createDirectories(configFile().getParent());
    String broken = "{\"auths\":{\"ghcr.io\":{\"auth\":\"" + SECRET + "\"}";
    Files.writeString(configFile(), broken);
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    assertThatThrownBy(
            () -> store.store("localhost:5000", Credential.usernamePassword("alice", "pw")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining(SECRET);
    assertThat(Files.readString(configFile())).isEqualTo(broken);
  }

  @Test
  void store_authsNotAnObject_refusedAndFileUnchanged() throws IOException {
    Files.createDirectories(configFile().getParent());
    String odd = "{\"auths\":[\"ghcr.io\"]}";
    Files.writeString(configFile(), odd);

    assertThatThrownBy(
            () ->
                DockerCredentialStore.of(env(Map.of()))
                    .store("localhost:5000", Credential.usernamePassword("alice", "pw")))
        .isInstanceOf(RegistryException.class);
    assertThat(Files.readString(configFile())).isEqualTo(odd);
  }

  @Test
  void store_symlinkedConfig_updatesTheTargetAndKeepsTheLink() throws IOException {
    Path real =
        Files.writeString(home.resolve("dotfiles-config.json"), "{\"detachKeys\":\"ctrl-e,e\"}");
    Files.createDirectories(configFile().getParent());
    Files.createSymbolicLink(configFile(), real);

    DockerCredentialStore.of(env(Map.of()))
        .store("ghcr.io", Credential.usernamePassword("carol", SECRET));

    assertThat(Files.isSymbolicLink(configFile())).isTrue();
    assertThat(JSON.readTree(Files.readString(real)).path("detachKeys").asString())
        .isEqualTo("ctrl-e,e");
    assertThat(JSON.readTree(Files.readString(real)).path("auths").has("ghcr.io")).isTrue();
  }

  @Test
  void store_identityToken_writtenAsDockerDoes() throws IOException {
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    store.store("ghcr.io", new Credential.IdentityToken(Optional.of("dave"), SECRET));

    JsonNode entry = config().path("auths").path("ghcr.io");
    assertThat(entry.path("identitytoken").asString()).isEqualTo(SECRET);
    assertThat(decode(entry.path("auth"))).isEqualTo("dave:");
    assertThat(store.provider().credentialFor("ghcr.io"))
        .contains(new Credential.IdentityToken(Optional.of("dave"), SECRET));
  }

  @Test
  void store_anonymousOrRegistryToken_rejected() {
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of()));

    assertThatThrownBy(() -> store.store("ghcr.io", Credential.anonymous()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.store("ghcr.io", Credential.registryToken(SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET);
    assertThat(Files.exists(configFile())).isFalse();
  }

  /**
   * A docker-credential-NAME implementing the helper protocol over a directory: store writes {@code
   * <dir>/<url-hash>.json}, get prints it, erase deletes it, each logging the action.
   */
  private Path helperBin(String name) throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path data = Files.createDirectories(home.resolve("helper-data"));
    String script =
        "#!/bin/sh\n"
            + "D='"
            + data
            + "'\n"
            + "echo \"$1\" >> \"$D/actions\"\n"
            + "case \"$1\" in\n"
            + "  store) cat > \"$D/in.json\"; url=$(sed 's/.*\"ServerURL\":\"\\([^\"]*\\)\".*/\\1/' \"$D/in.json\");"
            + "  key=$(printf %s \"$url\" | md5sum | cut -c1-32); mv \"$D/in.json\" \"$D/$key.json\";;\n"
            + "  get) read url; key=$(printf %s \"$url\" | md5sum | cut -c1-32);"
            + "  if [ -f \"$D/$key.json\" ]; then cat \"$D/$key.json\"; else echo 'credentials not found in native keychain'; exit 1; fi;;\n"
            + "  erase) read url; key=$(printf %s \"$url\" | md5sum | cut -c1-32);"
            + "  if [ -f \"$D/$key.json\" ]; then rm \"$D/$key.json\"; else echo 'credentials not found in native keychain'; exit 1; fi;;\n"
            + "  *) exit 2;;\n"
            + "esac\n";
    Path file = bin.resolve("docker-credential-" + name);
    Files.writeString(file, script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private List<String> helperActions() throws IOException {
    return Files.readAllLines(home.resolve("helper-data").resolve("actions"));
  }

  @Test
  void credsStore_storeAndErase_goThroughTheHelperAndTheFileHoldsNoSecret() throws IOException {
    Path bin = helperBin("vault");
    Files.createDirectories(configFile().getParent());
    Files.writeString(configFile(), "{\"credsStore\":\"vault\"}");
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of("PATH", bin.toString())));

    DockerCredentialStore.Location where =
        store.store("docker.io", Credential.usernamePassword("erin", SECRET));

    assertThat(where.helper()).contains("vault");
    assertThat(where.toString()).isEqualTo("docker-credential-vault");
    assertThat(Files.readString(configFile())).doesNotContain(SECRET);
    assertThat(config().path("auths").path("https://index.docker.io/v1/").isObject()).isTrue();
    assertThat(store.provider().credentialFor("docker.io"))
        .contains(Credential.usernamePassword("erin", SECRET));

    assertThat(store.erase("docker.io")).isTrue();
    assertThat(store.provider().credentialFor("docker.io")).isEmpty();
    assertThat(config().path("auths").size()).isZero();
    assertThat(config().path("credsStore").asString()).isEqualTo("vault");
    assertThat(helperActions()).containsExactly("store", "get", "erase", "get");
  }

  @Test
  void credHelpers_perRegistryHelperWinsOverCredsStore() throws IOException {
    Path bin = helperBin("ghcr");
    Files.createDirectories(configFile().getParent());
    Files.writeString(
        configFile(), "{\"credsStore\":\"absent\",\"credHelpers\":{\"ghcr.io\":\"ghcr\"}}");
    DockerCredentialStore store = DockerCredentialStore.of(env(Map.of("PATH", bin.toString())));

    assertThat(store.store("ghcr.io", Credential.usernamePassword("frank", SECRET)).helper())
        .contains("ghcr");
    assertThat(store.provider().credentialFor("ghcr.io"))
        .contains(Credential.usernamePassword("frank", SECRET));
    assertThat(store.erase("ghcr.io")).isTrue();
    assertThat(store.erase("ghcr.io")).isFalse();
    assertThat(helperActions()).containsExactly("store", "get", "erase", "erase");
  }

  @Test
  void credsStore_helperFailsToStore_fileUnchanged() throws IOException {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path helper =
        Files.writeString(
            bin.resolve("docker-credential-locked"),
            "#!/bin/sh\ncat >/dev/null; echo 'keychain is locked'; exit 3\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(configFile().getParent());
    String original = "{\"credsStore\":\"locked\"}";
    Files.writeString(configFile(), original);

    assertThatThrownBy(
            () ->
                DockerCredentialStore.of(env(Map.of("PATH", bin.toString())))
                    .store("ghcr.io", Credential.usernamePassword("gina", SECRET)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-locked store failed")
        .hasMessageContaining("keychain is locked")
        .hasMessageNotContaining(SECRET);
    assertThat(Files.readString(configFile())).isEqualTo(original);
  }
}
