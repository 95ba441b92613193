package dev.registrykit.testkit;

/**
 * Groups of {@link Endpoint}s served by one handler of the fake registry; faults can target a
 * whole family.
 */
public enum EndpointFamily {
  /** {@code GET /v2/} (end-1). */
  BASE,
  /** Blob reads and deletes: end-2, end-10. */
  BLOBS,
  /** Blob uploads and mounts: end-4a/b/c, end-5, end-6, end-11, end-13, end-14. */
  UPLOADS,
  /** Manifest reads, writes and deletes: end-3, end-7a/b, end-9. */
  MANIFESTS,
  /** Tag listing: end-8a/b. */
  TAGS,
  /** {@code GET /v2/_catalog} (not in the spec's table; Distribution's de-facto API). */
  CATALOG,
  /** The referrers API: end-12a/b. */
  REFERRERS,
  /** The fake's own token endpoint ({@code /token}), in bearer mode. */
  TOKEN
}
