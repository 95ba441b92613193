package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.RawManifest;
import java.util.Objects;

/**
 * A manifest as the registry served it: its exact bytes and media type, and its digest computed
 * from those bytes (and checked against the requested digest and the registry's {@code
 * Docker-Content-Digest}, when either was given).
 *
 * @param manifest the exact bytes and media type
 * @param digest the digest of the bytes
 */
public record ManifestResponse(RawManifest manifest, Digest digest) {
  /** Validates the components. */
  public ManifestResponse {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(digest, "digest");
  }

  /** The size of the manifest in bytes. */
  public long size() {
    return manifest.size();
  }
}
