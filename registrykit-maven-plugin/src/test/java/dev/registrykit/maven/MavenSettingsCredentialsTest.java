package dev.registrykit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/**
 * settings.xml servers with passwords encrypted by Maven itself, decrypted with the master password
 * of settings-security.xml by the same decrypter Maven gives the plugin.
 */
class MavenSettingsCredentialsTest {
  /** {@code mvn --encrypt-master-password master-Secret-1} (Maven 3.8.7). */
  private static final String MASTER = "{558kjmx9/vwHDtE0Ohlzm1BzPAIZG1Yp38Zi1S9lkwU=}";

  /** {@code mvn --encrypt-password s3cret-Pass} with that master password. */
  private static final String ENCRYPTED = "{AXK/hHDjFGIHxE9WASyuCuJAo9T8TJ7Q0np99q4/kx8=}";

  /** {@code mvn --encrypt-master-password another-master}: not the one ENCRYPTED was made with. */
  private static final String OTHER_MASTER = "{SOJg3QG49gMHEWK54g43truN6gNlwTVbtf+p8YKgteY=}";

  @TempDir Path temp;

  private MavenSettingsCredentials credentials(String master, Server... servers)
      throws IOException {
    Path security = temp.resolve("settings-security.xml");
    Files.writeString(
        security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
    Settings settings = new Settings();
    for (Server server : servers) {
      settings.addServer(server);
    }
    return new MavenSettingsCredentials(
        settings,
        new DefaultSettingsDecrypter(
            new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(), security.toString())));
  }

  private static Server server(String id, String username, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(username);
    server.setPassword(password);
    return server;
  }

  @Test
  void anEncryptedPassword_isDecryptedWithTheMasterPassword() throws IOException {
    MavenSettingsCredentials provider =
        credentials(
            MASTER,
            server("other.example", "bob", "plain"),
            server("registry.example:5000", "alice", ENCRYPTED));

    assertThat(provider.credentialFor("registry.example:5000"))
        .contains(new Credential.UsernamePassword("alice", "s3cret-Pass"));
    assertThat(provider.credentialFor("other.example"))
        .contains(new Credential.UsernamePassword("bob", "plain"));
    assertThat(provider.credentialFor("unknown.example")).isEmpty();
  }

  @Test
  void aWrongMasterPassword_failsNamingTheServer_neverThePassword() throws IOException {
    MavenSettingsCredentials provider =
        credentials(OTHER_MASTER, server("registry.example:5000", "alice", ENCRYPTED));

    assertThatThrownBy(() -> provider.credentialFor("registry.example:5000"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("registry.example:5000")
        .hasMessageContaining("settings.xml")
        .hasMessageNotContaining(ENCRYPTED)
        .hasMessageNotContaining("s3cret-Pass");
  }
}
