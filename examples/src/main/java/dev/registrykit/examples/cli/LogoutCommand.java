package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryLogin;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.auth.DockerCredentialStore;
import dev.registrykit.core.reference.Registry;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code registrykit logout [REGISTRY]}: as {@code docker logout}, forgets the stored credentials.
 */
final class LogoutCommand implements Command {
  /** {@code --config DIR}, as docker's global option: where {@code config.json} is. */
  static final OptionSpec CONFIG =
      OptionSpec.value(
          "config", "DIR", "the directory of config.json (default $DOCKER_CONFIG, else ~/.docker)");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "logout",
        "[REGISTRY]",
        "Removes the stored credentials of REGISTRY (default Docker Hub).",
        "Erases them from the credential helper that holds them and from config.json's auths (every"
            + " entry for the registry, with or without https://). Nothing is sent to the registry.",
        List.of(CONFIG),
        0,
        1,
        false);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    Registry registry = registry(invocation);
    String shown = DockerCredentialStore.serverKey(registry);
    if (RegistryLogin.logout(registry, store(invocation))) {
      invocation.console().out().println("Removing login credentials for " + shown);
    } else {
      invocation.console().out().println("Not logged in to " + shown);
    }
  }

  /**
   * The REGISTRY argument ({@code ghcr.io}, {@code https://index.docker.io/v1/}), Docker Hub when
   * absent.
   */
  static Registry registry(Invocation invocation) {
    if (invocation.positionals().isEmpty()) {
      return Registry.DOCKER_HUB;
    }
    return Registry.parse(CredentialProviders.canonicalRegistry(invocation.positional(0)));
  }

  static DockerCredentialStore store(Invocation invocation) {
    return invocation
        .args()
        .value("config")
        .map(dir -> DockerCredentialStore.of(Path.of(dir).resolve("config.json")))
        .orElseGet(DockerCredentialStore::dockerConfig);
  }
}
