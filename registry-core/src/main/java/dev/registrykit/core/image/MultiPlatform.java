package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tag pointing at an index (manifest list): tag → index digest → per-platform manifest digests
 * and image IDs. Immutable.
 *
 * @param ref the reference that was resolved
 * @param indexDigest the digest of the index
 * @param images the per-platform images, in index order
 */
public record MultiPlatform(ImageReference ref, Digest indexDigest, List<PlatformImage> images)
    implements ResolvedTag {
  /** Validates and copies the components. */
  public MultiPlatform {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(indexDigest, "indexDigest");
    images = List.copyOf(images);
  }

  @Override
  public Digest digest() {
    return indexDigest;
  }

  /** The first image whose platform {@linkplain Platform#satisfies satisfies} {@code wanted}. */
  public Optional<PlatformImage> imageFor(Platform wanted) {
    return images.stream().filter(i -> i.platform().satisfies(wanted)).findFirst();
  }

  /** The platforms, in index order. */
  public List<Platform> platforms() {
    return images.stream().map(PlatformImage::platform).toList();
  }
}
