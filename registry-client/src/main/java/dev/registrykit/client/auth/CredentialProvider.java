package dev.registrykit.client.auth;

import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.util.Optional;

/**
 * Finds the credential for a registry (go-containerregistry's {@code Keychain}).
 *
 * <p>Implementations must be thread-safe; the client may call them concurrently. A client asks once
 * per registry, the first time that registry challenges it, and keeps the answer for its lifetime
 * (credential helpers are slow processes); a new client picks up rotated secrets. Registries that
 * ask for no authentication never cause a lookup.
 */
@FunctionalInterface
public interface CredentialProvider {
  /**
   * The credential for {@code registry}.
   *
   * @param registry the registry as it appears in image references: {@code docker.io}, {@code
   *     ghcr.io}, {@code localhost:5000}
   * @return the credential, or empty when this provider has none for that registry
   * @throws IOException when a source exists but cannot be read (an unreadable config file, a
   *     failing credential helper)
   */
  Optional<Credential> credentialFor(String registry) throws IOException;

  /**
   * The credential for {@code registry}: {@code credentialFor(registry.toString())}.
   *
   * @throws IOException when a source exists but cannot be read
   */
  default Optional<Credential> credentialFor(Registry registry) throws IOException {
    return credentialFor(registry.toString());
  }
}
