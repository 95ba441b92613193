package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import java.util.Objects;

/**
 * A manifest as the registry stores it: its exact bytes, the media type it was pushed with, and the
 * digest of those bytes.
 *
 * @param digest the digest of {@code content} (the algorithm of the reference it was pushed by, or
 *     SHA-256)
 * @param mediaType the {@code Content-Type} it was pushed with, without parameters
 * @param content the exact bytes received
 */
public record StoredManifest(Digest digest, String mediaType, StoredContent content) {
  /** Checks for nulls. */
  public StoredManifest {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A copy of the manifest bytes.
   *
   * @return a new array
   */
  public byte[] bytes() {
    return content.toByteArray();
  }
}
