package dev.registrykit.maven;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.auth.CredentialProviders;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Credentials from {@code settings.xml}: the {@code <server>} whose {@code id} is the registry
 * ({@code localhost:5000}, {@code ghcr.io}; Docker Hub's names are one registry), its password
 * decrypted by Maven ({@code mvn --encrypt-password}). A server without a username is ignored.
 */
final class MavenSettingsCredentials implements CredentialProvider {
  private final Settings settings;
  private final SettingsDecrypter decrypter;

  MavenSettingsCredentials(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  @Override
  public Optional<Credential> credentialFor(String registry) throws IOException {
    String wanted = CredentialProviders.canonicalRegistry(registry);
    for (Server server : settings.getServers()) {
      if (server.getId() == null
          || !CredentialProviders.canonicalRegistry(server.getId()).equals(wanted)) {
        continue;
      }
      SettingsDecryptionResult result =
          decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
          // The problem names the server, never the password.
          throw new IOException(
              "cannot decrypt the password of the server \""
                  + server.getId()
                  + "\" in settings.xml: "
                  + problem.getMessage());
        }
      }
      List<Server> servers = result.getServers();
      Server decrypted = servers.isEmpty() ? server : servers.get(0);
      if (decrypted.getUsername() != null && decrypted.getPassword() != null) {
        return Optional.of(
            new Credential.UsernamePassword(decrypted.getUsername(), decrypted.getPassword()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "settings.xml servers";
  }
}
