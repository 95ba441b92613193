package dev.registrykit.client;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.auth.DockerCredentialStore;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

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
   *     credentials are replaced by {@code credential} alone, so nothing stored before is tried;
   *     the client built from it asks the token endpoint for offline access
   * @throws AuthenticationException when the registry refuses the credentials
   * @throws RegistryException when it cannot be reached or is not a registry
   */
  public static void verify(
      Registry registry, Credential credential, RegistryClient.Builder settings)
      throws IOException {
    exchange(registry, credential, settings);
  }

  /**
   * {@link #verify Verifies} {@code credential}, then {@link DockerCredentialStore#store stores}
   * it. A refused or failed verification stores nothing.
   *
   * <p>As {@code docker login} does, a user name and password ask the registry's token endpoint for
   * offline access; when it answers with a refresh token (ACR, Harbor, Docker Hub), that token is
   * stored as the {@code identitytoken} with the user name, instead of the password, and later
   * clients exchange it for bearer tokens with OAuth2 {@code grant_type=refresh_token}.
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
    Optional<String> refreshToken = exchange(registry, credential, settings);
    Credential stored =
        refreshToken.isPresent() && credential instanceof Credential.UsernamePassword password
            ? new Credential.IdentityToken(Optional.of(password.username()), refreshToken.get())
            : credential;
    return store.store(registry, stored);
  }

  /** Verifies {@code credential}; the refresh token a token endpoint issued with it, if any. */
  private static Optional<String> exchange(
      Registry registry, Credential credential, RegistryClient.Builder settings)
      throws IOException {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(credential, "credential");
    try (RegistryClient client =
        settings
            .credentials(CredentialProviders.fixed(registry, credential))
            .buildWithOfflineAccess()) {
      client.ping(registry);
      return client.refreshToken(registry);
    }
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
