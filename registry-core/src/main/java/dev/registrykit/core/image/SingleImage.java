package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import java.util.Objects;

/**
 * A tag pointing at a single image manifest: tag → manifest digest → image ID. Immutable.
 *
 * @param ref the reference that was resolved
 * @param manifestDigest the digest of the image manifest
 * @param imageId the image ID (config digest)
 */
public record SingleImage(ImageReference ref, Digest manifestDigest, ImageId imageId)
    implements ResolvedTag {
  /** Validates the components. */
  public SingleImage {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(imageId, "imageId");
  }

  @Override
  public Digest digest() {
    return manifestDigest;
  }
}
