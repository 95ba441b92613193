package dev.registrykit.client;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.auth.DockerCredentialStore;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code docker login} and {@code docker logout} as a library: credentials are verified against the
 * registry before anything is stored, then stored where Docker keeps them ({@link
 * DockerCredentialStore}), so that every later client with {@link
 * CredentialProviders#defaultChain()} (and Docker, Podman, skopeo) uses them.
 *
 * <pre>{@code
 * DockerCredentialStore.Location where = RegistryLogin.login(
 *     Registry.parse("ghcr.io"), Credential.usernamePassword("me", token),
 *     DockerCredentialStore.dockerConfig(), RegistryClient.builder());
 * RegistryLogin.logout(Registry.parse("ghcr.io"), DockerCredentialStore.dockerConfig());
 * }</pre>
 */
public final class RegistryLogin {
  private RegistryLogin() {}

  /**
   * Checks that {@code registry} accepts {@code credential}, as {@code docker login} does: {@code
   * GET /v2/} with them, which for a token-authenticating registry (Docker Hub, GHCR, Harbor) means
   * a token request with the credentials and no scope. A registry that asks for no authentication
   * accepts any.
   *
   * @param settings how to reach the registry (transport, TLS, plain HTTP, retries); its
   *     credentials are replaced by {@code credential} alone, so nothing stored before is tried
   * @throws AuthenticationException when the registry refuses the credentials
   * @throws RegistryException when it cannot be reached or is not a registry
   */
  public static void verify(
      Registry registry, Credential credential, RegistryClient.Builder settings)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(credential, "credential");
    try (RegistryClient client =
        settings.credentials(CredentialProviders.fixed(registry, credential)).build()) {
      client.ping(registry);
    }
  }

  /**
   * {@link #verify Verifies} {@code credential}, then {@link DockerCredentialStore#store stores}
   * it. A refused or failed verification stores nothing.
   *
   * @param settings as for {@link #verify}
   * @return where the credential went (a helper, or the file unencrypted)
   */
  public static DockerCredentialStore.Location login(
      Registry registry,
      Credential credential,
      DockerCredentialStore store,
      RegistryClient.Builder settings)
      throws IOException {
    Objects.requireNonNull(store, "store");
    verify(registry, credential, settings);
    return store.store(registry, credential);
  }

  /**
   * Forgets the credentials of {@code registry}, as {@code docker logout} does: nothing is sent to
   * the registry.
   *
   * @return whether any were stored
   */
  public static boolean logout(Registry registry, DockerCredentialStore store) throws IOException {
    return store.erase(registry);
  }
}
