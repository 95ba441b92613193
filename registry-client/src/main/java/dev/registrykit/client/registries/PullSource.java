package dev.registrykit.client.registries;

import dev.registrykit.core.reference.Repository;
import java.util.Objects;

/**
 * One place a pull may be served from: a mirror, or the primary location.
 *
 * @param repository the repository there
 * @param mirror whether it is a mirror (else the primary location)
 * @param insecure whether it is spoken to over plain HTTP
 */
public record PullSource(Repository repository, boolean mirror, boolean insecure) {
  /** Validates the components. */
  public PullSource {
    Objects.requireNonNull(repository, "repository");
  }

  /** {@code mirror.gcr.io/library/alpine (mirror)}. */
  @Override
  public String toString() {
    return repository.registry() + "/" + repository.path() + (mirror ? " (mirror)" : "");
  }
}
