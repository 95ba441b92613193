package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Platform;
import java.util.Objects;

/**
 * One platform's image behind a multi-platform tag: the platform, its manifest digest and its image
 * ID. Immutable and thread-safe.
 *
 * @param platform the platform the index entry declares
 * @param manifestDigest the digest of the platform's image manifest
 * @param imageId the platform image's ID (config digest)
 */
public record PlatformImage(Platform platform, Digest manifestDigest, ImageId imageId) {
  /** Validates the components. */
  public PlatformImage {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(imageId, "imageId");
  }
}
