package dev.registrykit.core.digest;

import java.util.Objects;

/**
 * A digest together with the number of bytes it covers: what one streaming pass over content
 * yields.
 *
 * @param digest the digest of the content
 * @param size the content's length in bytes, never negative
 */
public record SizedDigest(Digest digest, long size) {
  /** Validates the components. */
  public SizedDigest {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
