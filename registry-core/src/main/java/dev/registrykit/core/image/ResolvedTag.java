package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tag resolves to: the chain tag → manifest digest → image ID, or, for a multi-platform tag,
 * tag → index digest → per-platform manifest digests → image IDs.
 *
 * <p>Sealed; on Java 17 dispatch with {@code instanceof}. Implementations are immutable records.
 */
public sealed interface ResolvedTag permits SingleImage, MultiPlatform {
  /** The reference that was resolved, e.g. {@code docker.io/library/alpine:3.19}. */
  ImageReference ref();

  /** The digest the tag points at: a manifest digest or an index digest. */
  Digest digest();

  /** The reference pinned to {@link #digest()}: {@code name:tag@digest}. */
  default ImageReference pinned() {
    return ref().withDigest(digest());
  }

  /**
   * Resolves {@code ref} pointing at {@code image}.
   *
   * @throws IOException when the image's manifest cannot be read
   */
  static SingleImage of(ImageReference ref, Image image) throws IOException {
    return new SingleImage(ref, image.digest(), image.id());
  }

  /**
   * Resolves {@code ref} pointing at {@code index}: every entry that is an image manifest with a
   * platform becomes a {@link PlatformImage} (attestations and other artifacts without a platform
   * are skipped), fetching each image's manifest for its ID.
   *
   * @throws IOException when a manifest cannot be read
   */
  static MultiPlatform of(ImageReference ref, ImageIndex index) throws IOException {
    List<PlatformImage> images = new ArrayList<>();
    for (Descriptor d : index.manifest().manifests()) {
      if (d.platform().isPresent() && d.mediaType().isImageManifest()) {
        images.add(new PlatformImage(d.platform().get(), d.digest(), index.image(d.digest()).id()));
      }
    }
    return new MultiPlatform(ref, index.digest(), images);
  }
}
