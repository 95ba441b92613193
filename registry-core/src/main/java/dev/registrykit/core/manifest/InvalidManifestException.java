package dev.registrykit.core.manifest;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A manifest or image config could not be accepted: too large, not JSON, or not the shape the specs
 * require. The message names the problem and, where there is one, the JSON path of the offending
 * member (e.g. {@code $.layers[2].digest}).
 *
 * <p>An {@link IOException}, like every failure caused by content read from somewhere (a registry,
 * a file, an archive): the caller did nothing wrong and must handle it like a failed read. A value
 * the caller passes in (a record component, a name) that is invalid is an {@link
 * IllegalArgumentException} instead; see the {@code dev.registrykit.core.manifest} package.
 */
public class InvalidManifestException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a manifest was rejected. */
  public enum Reason {
    /** Larger than {@link ManifestCodec#MAX_MANIFEST_SIZE}. */
    TOO_LARGE,
    /** Not well-formed JSON, or JSON with duplicate member names. */
    MALFORMED_JSON,
    /** A required member is absent. */
    MISSING_FIELD,
    /** A member has the wrong JSON type or an invalid value. */
    INVALID_FIELD,
    /** {@code schemaVersion} is not 2 (schema 1 is not supported). */
    UNSUPPORTED_SCHEMA_VERSION,
    /** The {@code mediaType} field contradicts the {@code Content-Type}. */
    MEDIA_TYPE_MISMATCH,
    /**
     * Neither the media type nor the structure says whether this is an image manifest or an index.
     */
    UNKNOWN_KIND,
    /**
     * A valid manifest of the other kind: an image manifest where an index was expected, or the
     * reverse.
     */
    WRONG_KIND
  }

  private final Reason reason;
  private final @Nullable String path;

  /**
   * Creates the exception.
   *
   * @param reason why the manifest was rejected
   * @param path the JSON path of the offending member, or null when the problem is not one member
   * @param message what is wrong
   */
  public InvalidManifestException(Reason reason, @Nullable String path, String message) {
    this(reason, path, message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason why the manifest was rejected
   * @param path the JSON path of the offending member, or null
   * @param message what is wrong
   * @param cause the underlying failure, or null
   */
  public InvalidManifestException(
      Reason reason, @Nullable String path, String message, @Nullable Throwable cause) {
    super((path == null ? "" : path + ": ") + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.path = path;
  }

  /** Why the manifest was rejected. */
  public Reason reason() {
    return reason;
  }

  /**
   * The JSON path of the offending member, e.g. {@code $.config.digest}, if the problem is one
   * member.
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }
}
