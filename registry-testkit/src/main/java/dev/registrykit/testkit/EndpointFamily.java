package dev.registrykit.testkit;

/**
 * Groups of {@link Endpoint}s served by one handler of the fake registry; a {@link Fault} can
 * target a whole family with {@link Fault#on(EndpointFamily...)}. Pick the family of the requests
 * the code under test makes: a pull reads {@link #MANIFESTS} and {@link #BLOBS}; a push writes
 * through {@link #UPLOADS} and {@link #MANIFESTS} (a fault on {@link #BLOBS} never hits a push,
 * apart from the {@code HEAD} that checks whether a blob exists).
 */
public enum EndpointFamily {
  /** The version check: {@code GET}/{@code HEAD /v2/} (end-1). */
  BASE,
  /**
   * Blob reads and deletes: {@code GET}/{@code HEAD /v2/<name>/blobs/<digest>} (end-2, with {@code
   * Range}) and {@code DELETE /v2/<name>/blobs/<digest>} (end-10). Not uploads: see {@link
   * #UPLOADS}.
   */
  BLOBS,
  /**
   * Blob uploads, the writes of a push: {@code POST /v2/<name>/blobs/uploads/} to open a session or
   * upload in one request (end-4a/b/c) or to mount from another repository (end-11), {@code PATCH}
   * a chunk (end-5), {@code PUT} to complete (end-6), {@code GET} a session's status (end-13) and
   * {@code DELETE} to cancel it (end-14).
   */
  UPLOADS,
  /**
   * Manifests: {@code GET}/{@code HEAD /v2/<name>/manifests/<reference>} (end-3), {@code PUT}
   * (end-7a, end-7b with {@code ?tag=}) and {@code DELETE} (end-9).
   */
  MANIFESTS,
  /**
   * Tag listing: {@code GET /v2/<name>/tags/list}, with or without {@code n}/{@code last}
   * (end-8a/b).
   */
  TAGS,
  /** {@code GET /v2/_catalog} (not in the spec's table; Distribution's de-facto API). */
  CATALOG,
  /**
   * The referrers API: {@code GET /v2/<name>/referrers/<digest>}, optionally {@code ?artifactType=}
   * (end-12a/b).
   */
  REFERRERS,
  /**
   * The fake's own token endpoint: {@code GET}/{@code POST /token}, in {@link AuthMode#TOKEN} mode.
   */
  TOKEN
}
