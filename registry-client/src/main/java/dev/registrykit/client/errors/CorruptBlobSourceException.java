package dev.registrykit.client.errors;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.util.Objects;

/**
 * A blob could not be pushed because the content read for it does not match its digest or size: the
 * source it came from (a file in an OCI layout, another registry's blob) is corrupt or changed
 * while it was read. Either the registry refused the upload with {@code DIGEST_INVALID} (the cause
 * is then the {@link RegistryErrorResponseException}), or the source ended before the blob's size
 * (the cause is a {@link dev.registrykit.core.digest.DigestMismatchException}). In both cases
 * nothing was stored under the digest and, in a push or copy of an image, no manifest or tag was
 * written. Retrying cannot help: repair or rebuild the source.
 */
public final class CorruptBlobSourceException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final Digest digest;

  /**
   * Creates the exception.
   *
   * @param operation the upload, e.g. {@code PUT blob localhost:5000/app@sha256:…}
   * @param digest the digest the content should have had
   * @param cause the registry's refusal or the local mismatch
   */
  public CorruptBlobSourceException(String operation, Digest digest, IOException cause) {
    super(
        operation,
        "the content read for "
            + Objects.requireNonNull(digest, "digest")
            + " does not match that digest ("
            + cause.getMessage()
            + "): its source is corrupt or changed while it was read; nothing was stored under the"
            + " digest. Repair or rebuild the source (e.g. the OCI layout) and push again",
        cause);
    this.digest = digest;
  }

  /** The digest of the blob whose source is corrupt. */
  public Digest digest() {
    return digest;
  }
}
