package dev.registrykit.testkit;

/**
 * The endpoints of the OCI Distribution API, named after the spec's table ({@code end-1} … {@code
 * end-14}), plus the catalog and the fake's own token endpoint.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#endpoints">distribution-spec
 *     "Endpoints"</a>
 */
public enum Endpoint {
  /** end-1: {@code GET /v2/}. */
  END_1("GET", "/v2/", EndpointFamily.BASE),
  /** end-2: {@code GET}/{@code HEAD /v2/<name>/blobs/<digest>}. */
  END_2("GET/HEAD", "/v2/<name>/blobs/<digest>", EndpointFamily.BLOBS),
  /** end-3: {@code GET}/{@code HEAD /v2/<name>/manifests/<reference>}. */
  END_3("GET/HEAD", "/v2/<name>/manifests/<reference>", EndpointFamily.MANIFESTS),
  /** end-4a: {@code POST /v2/<name>/blobs/uploads/} (open an upload session). */
  END_4A("POST", "/v2/<name>/blobs/uploads/", EndpointFamily.UPLOADS),
  /** end-4b: {@code POST /v2/<name>/blobs/uploads/?digest=<digest>} (single-request upload). */
  END_4B("POST", "/v2/<name>/blobs/uploads/?digest=<digest>", EndpointFamily.UPLOADS),
  /** end-4c: {@code POST /v2/<name>/blobs/uploads/?digest-algorithm=<algorithm>}. */
  END_4C("POST", "/v2/<name>/blobs/uploads/?digest-algorithm=<algorithm>", EndpointFamily.UPLOADS),
  /** end-5: {@code PATCH <blob-push-location>} (a chunk). */
  END_5("PATCH", "/v2/<name>/blobs/uploads/<id>", EndpointFamily.UPLOADS),
  /** end-6: {@code PUT <blob-push-location>?digest=<digest>} (complete the upload). */
  END_6("PUT", "/v2/<name>/blobs/uploads/<id>?digest=<digest>", EndpointFamily.UPLOADS),
  /** end-7a: {@code PUT /v2/<name>/manifests/<reference>}. */
  END_7A("PUT", "/v2/<name>/manifests/<reference>", EndpointFamily.MANIFESTS),
  /** end-7b: {@code PUT /v2/<name>/manifests/<digest>?tag=…} (several tags at once). */
  END_7B("PUT", "/v2/<name>/manifests/<digest>?tag=<tag>", EndpointFamily.MANIFESTS),
  /** end-8a: {@code GET /v2/<name>/tags/list}. */
  END_8A("GET", "/v2/<name>/tags/list", EndpointFamily.TAGS),
  /** end-8b: {@code GET /v2/<name>/tags/list?n=<n>&last=<last>}. */
  END_8B("GET", "/v2/<name>/tags/list?n=<n>&last=<last>", EndpointFamily.TAGS),
  /** end-9: {@code DELETE /v2/<name>/manifests/<reference>} (a tag or a manifest). */
  END_9("DELETE", "/v2/<name>/manifests/<reference>", EndpointFamily.MANIFESTS),
  /** end-10: {@code DELETE /v2/<name>/blobs/<digest>}. */
  END_10("DELETE", "/v2/<name>/blobs/<digest>", EndpointFamily.BLOBS),
  /** end-11: {@code POST /v2/<name>/blobs/uploads/?mount=<digest>&from=<other>}. */
  END_11("POST", "/v2/<name>/blobs/uploads/?mount=<digest>&from=<other>", EndpointFamily.UPLOADS),
  /** end-12a: {@code GET /v2/<name>/referrers/<digest>}. */
  END_12A("GET", "/v2/<name>/referrers/<digest>", EndpointFamily.REFERRERS),
  /** end-12b: {@code GET /v2/<name>/referrers/<digest>?artifactType=<type>}. */
  END_12B("GET", "/v2/<name>/referrers/<digest>?artifactType=<type>", EndpointFamily.REFERRERS),
  /** end-13: {@code GET <blob-push-location>} (upload status). */
  END_13("GET", "/v2/<name>/blobs/uploads/<id>", EndpointFamily.UPLOADS),
  /** end-14: {@code DELETE <blob-push-location>} (cancel the upload). */
  END_14("DELETE", "/v2/<name>/blobs/uploads/<id>", EndpointFamily.UPLOADS),
  /**
   * {@code GET /v2/_catalog?n=<n>&last=<last>}: not in the spec's table, served like Distribution.
   */
  CATALOG("GET", "/v2/_catalog", EndpointFamily.CATALOG),
  /** The fake's token endpoint, {@code GET}/{@code POST /token} (bearer mode only). */
  TOKEN("GET/POST", "/token", EndpointFamily.TOKEN);

  private final String methods;
  private final String pathShape;
  private final EndpointFamily family;

  Endpoint(String methods, String pathShape, EndpointFamily family) {
    this.methods = methods;
    this.pathShape = pathShape;
    this.family = family;
  }

  /**
   * The HTTP method(s), e.g. {@code "GET/HEAD"}.
   *
   * @return the methods, slash-separated
   */
  public String methods() {
    return methods;
  }

  /**
   * The path shape as the spec writes it, e.g. {@code /v2/<name>/blobs/<digest>}.
   *
   * @return the shape
   */
  public String pathShape() {
    return pathShape;
  }

  /**
   * The family of handlers serving this endpoint.
   *
   * @return the family
   */
  public EndpointFamily family() {
    return family;
  }
}
