package dev.registrykit.core.distribution;

import java.util.Locale;
import java.util.Objects;

/**
 * The error codes a registry puts in the {@code code} member of an error body.
 *
 * <p>The first fourteen are the distribution spec's ({@code code-1} … {@code code-14}); the rest
 * are sent by the CNCF Distribution registry (and so by many registries built on it), and {@link
 * #UNKNOWN} stands for any code this library does not know. The HTTP status of each is the one the
 * spec's endpoint table or Distribution's error registry pairs it with; a registry may send
 * another.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">distribution-spec,
 *     error codes</a>
 */
public enum ErrorCode {
  /**
   * code-1: blob unknown to registry. Sent when a blob is not found, e.g. on a blob GET or HEAD
   * (404).
   */
  BLOB_UNKNOWN("BLOB_UNKNOWN", 404),
  /**
   * code-2: blob upload invalid. The upload failed; the client may need to restart it (Distribution
   * answers 404).
   */
  BLOB_UPLOAD_INVALID("BLOB_UPLOAD_INVALID", 404),
  /**
   * code-3: blob upload unknown to registry. The upload session was cancelled or never started
   * (404).
   */
  BLOB_UPLOAD_UNKNOWN("BLOB_UPLOAD_UNKNOWN", 404),
  /** code-4: provided digest did not match uploaded content (400). */
  DIGEST_INVALID("DIGEST_INVALID", 400),
  /**
   * code-5: manifest references a manifest or blob unknown to registry; sent on manifest PUT (400).
   */
  MANIFEST_BLOB_UNKNOWN("MANIFEST_BLOB_UNKNOWN", 400),
  /** code-6: manifest invalid: the manifest failed validation on PUT (400). */
  MANIFEST_INVALID("MANIFEST_INVALID", 400),
  /** code-7: manifest unknown to registry: the tag or digest names no manifest (404). */
  MANIFEST_UNKNOWN("MANIFEST_UNKNOWN", 404),
  /** code-8: invalid repository name (400). */
  NAME_INVALID("NAME_INVALID", 400),
  /** code-9: repository name not known to registry (404). */
  NAME_UNKNOWN("NAME_UNKNOWN", 404),
  /** code-10: provided length did not match content length (400). */
  SIZE_INVALID("SIZE_INVALID", 400),
  /** code-11: authentication required; the response carries {@code WWW-Authenticate} (401). */
  UNAUTHORIZED("UNAUTHORIZED", 401),
  /** code-12: requested access to the resource is denied (403). */
  DENIED("DENIED", 403),
  /** code-13: the operation is unsupported, e.g. deletion disabled (405). */
  UNSUPPORTED("UNSUPPORTED", 405),
  /** code-14: too many requests; the response should carry {@code Retry-After} (429). Temporary. */
  TOOMANYREQUESTS("TOOMANYREQUESTS", 429),
  /** Distribution: the service is unavailable (503). Temporary. */
  UNAVAILABLE("UNAVAILABLE", 503),
  /** Distribution: the {@code n} parameter of a paginated list is invalid (400). */
  PAGINATION_NUMBER_INVALID("PAGINATION_NUMBER_INVALID", 400),
  /** Distribution: a chunk's {@code Content-Range} does not continue the upload (416). */
  RANGE_INVALID("RANGE_INVALID", 416),
  /** Distribution: a schema 1 manifest failed signature verification (400). */
  MANIFEST_UNVERIFIED("MANIFEST_UNVERIFIED", 400),
  /** Distribution: the tag in a schema 1 manifest does not match the URL (400). */
  TAG_INVALID("TAG_INVALID", 400),
  /**
   * go-containerregistry's and other registries' answer to a method or path they do not serve
   * (400).
   */
  METHOD_UNKNOWN("METHOD_UNKNOWN", 400),
  /** Any code not listed here, and Distribution's own {@code UNKNOWN} (500). */
  UNKNOWN("UNKNOWN", 500);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /**
   * The code for a wire value, {@link #UNKNOWN} when it is not one of ours. Case-insensitive and
   * tolerant of surrounding whitespace, because some registries are sloppy.
   */
  public static ErrorCode fromWire(String code) {
    Objects.requireNonNull(code, "code");
    String normalized = code.strip().toUpperCase(Locale.ROOT);
    for (ErrorCode c : values()) {
      if (c.wireName.equals(normalized)) {
        return c;
      }
    }
    return UNKNOWN;
  }

  /** The value on the wire, e.g. {@code BLOB_UNKNOWN}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status the spec (or Distribution) pairs with this code. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether retrying the same request later may succeed: {@link #TOOMANYREQUESTS} and {@link
   * #UNAVAILABLE}, as go-containerregistry's {@code transport.Error.Temporary()} decides.
   */
  public boolean isTemporary() {
    return this == TOOMANYREQUESTS || this == UNAVAILABLE;
  }
}
