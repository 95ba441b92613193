package dev.registrykit.client.remote;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.Repository;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a pull into an OCI layout did: the manifest written, where each downloaded blob came from (a
 * mirror or the primary location), and the rate limit the source announced.
 *
 * @param descriptor the descriptor of the manifest (or index) written to {@code index.json}
 * @param servedBy for each blob downloaded, the repository that served it (after failovers, the one
 *     whose bytes were kept); blobs the layout had already are absent
 * @param rateLimit the rate limit last announced with the manifests pulled (Docker Hub counts
 *     manifest requests as pulls): the pulls left; empty when none was announced
 */
public record PullResult(
    Descriptor descriptor, Map<Digest, Repository> servedBy, Optional<RateLimit> rateLimit) {
  /** Validates and copies the components. */
  public PullResult {
    Objects.requireNonNull(descriptor, "descriptor");
    servedBy = Map.copyOf(servedBy);
    Objects.requireNonNull(rateLimit, "rateLimit");
  }
}
