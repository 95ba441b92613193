package dev.registrykit.core.distribution;

/**
 * HTTP header names and fixed values of the distribution API, shared by the client and the fake
 * registry so that both spell them the same way.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">distribution-spec</a>
 */
public final class Headers {
  /** The digest of the manifest or blob in a response (and of an uploaded blob). */
  public static final String DOCKER_CONTENT_DIGEST = "Docker-Content-Digest";

  /** Sent by registries on {@code /v2/}; see {@link #API_VERSION_REGISTRY_2}. */
  public static final String DOCKER_DISTRIBUTION_API_VERSION = "Docker-Distribution-API-Version";

  /** The value of {@link #DOCKER_DISTRIBUTION_API_VERSION}: {@code registry/2.0}. */
  public static final String API_VERSION_REGISTRY_2 = "registry/2.0";

  /** Sent on a manifest PUT response when the registry processed the manifest's {@code subject}. */
  public static final String OCI_SUBJECT = "OCI-Subject";

  /** Sent on a referrers response when the {@code artifactType} filter was applied. */
  public static final String OCI_FILTERS_APPLIED = "OCI-Filters-Applied";

  /** The minimum chunk size a registry wants for chunked uploads (POST response). */
  public static final String OCI_CHUNK_MIN_LENGTH = "OCI-Chunk-Min-Length";

  /** Each tag accepted by a manifest PUT with {@code ?tag=} parameters. */
  public static final String OCI_TAG = "OCI-Tag";

  /** RFC 5988 link to the next page of tags, catalog entries or referrers ({@code rel="next"}). */
  public static final String LINK = "Link";

  /** Where to continue an upload, or where an uploaded blob or manifest lives. */
  public static final String LOCATION = "Location";

  /** The upload progress, {@code 0-<last offset>} (note: not RFC 9110's {@code bytes=} form). */
  public static final String RANGE = "Range";

  /** The byte range of a chunk being uploaded, {@code <start>-<end>}. */
  public static final String CONTENT_RANGE = "Content-Range";

  /** Content length. */
  public static final String CONTENT_LENGTH = "Content-Length";

  /** Content type; for manifests, the manifest media type. */
  public static final String CONTENT_TYPE = "Content-Type";

  /** Accepted manifest media types. */
  public static final String ACCEPT = "Accept";

  /** The identifier of an upload session (Distribution). */
  public static final String DOCKER_UPLOAD_UUID = "Docker-Upload-UUID";

  /** The authentication challenge of a 401 response. */
  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  /** Credentials of a request. Never log its value. */
  public static final String AUTHORIZATION = "Authorization";

  /** Seconds or an HTTP date to wait before retrying, on 429 and 503. */
  public static final String RETRY_AFTER = "Retry-After";

  /** Informational warnings ({@code 299 - "…"}). */
  public static final String WARNING = "Warning";

  /** Entity tag of a manifest, for conditional requests. */
  public static final String ETAG = "ETag";

  /** The user agent. */
  public static final String USER_AGENT = "User-Agent";

  private Headers() {}
}
