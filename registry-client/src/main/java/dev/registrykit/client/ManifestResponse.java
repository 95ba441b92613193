package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.manifest.RawManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest as the registry served it: its exact bytes and media type, its digest computed from
 * those bytes (and checked against the requested digest and the registry's {@code
 * Docker-Content-Digest}, when either was given), and the rate limit the response announced.
 *
 * @param manifest the exact bytes and media type
 * @param digest the digest of the bytes
 * @param rateLimit the rate limit the registry (or mirror) that served it announced with it (Docker
 *     Hub's {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code Docker-RateLimit-Source});
 *     empty when it announced none
 */
public record ManifestResponse(RawManifest manifest, Digest digest, Optional<RateLimit> rateLimit) {
  /** Validates the components. */
  public ManifestResponse {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(rateLimit, "rateLimit");
  }

  /** A manifest served without a rate limit. */
  public ManifestResponse(RawManifest manifest, Digest digest) {
    this(manifest, digest, Optional.empty());
  }

  /** The size of the manifest in bytes. */
  public long size() {
    return manifest.size();
  }
}
