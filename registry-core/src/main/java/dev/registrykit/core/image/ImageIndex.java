package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.util.Optional;

/**
 * A multi-platform image: an index (or Docker manifest list) of per-platform images.
 *
 * <p>Composable like {@link Image}: a core of three methods, the rest derived. Implementations may
 * be lazy and must be thread-safe.
 */
public interface ImageIndex {
  /**
   * The index's exact bytes and media type.
   *
   * @throws IOException when fetching them fails
   */
  RawManifest rawManifest() throws IOException;

  /**
   * The image whose manifest digest is {@code digest}.
   *
   * @throws IOException when fetching fails
   * @throws IllegalArgumentException when the index lists no such image manifest
   */
  Image image(Digest digest) throws IOException;

  /**
   * The nested index whose digest is {@code digest}.
   *
   * @throws IOException when fetching fails
   * @throws IllegalArgumentException when the index lists no such index
   */
  ImageIndex index(Digest digest) throws IOException;

  /**
   * The parsed index.
   *
   * @throws IOException when fetching fails
   * @throws dev.registrykit.core.manifest.InvalidManifestException when it is not a valid index
   */
  default IndexManifest manifest() throws IOException {
    return ManifestCodec.parseIndex(rawManifest());
  }

  /**
   * The index digest, from the raw bytes.
   *
   * @throws IOException when fetching fails
   */
  default Digest digest() throws IOException {
    return rawManifest().digest();
  }

  /**
   * A descriptor of the index (media type, digest, size).
   *
   * @throws IOException when fetching fails
   */
  default Descriptor descriptor() throws IOException {
    return rawManifest().descriptor();
  }

  /**
   * The image for {@code platform}: the first entry whose platform {@linkplain Platform#satisfies
   * satisfies} it (so {@code linux/arm64} finds {@code linux/arm64/v8}).
   *
   * @throws IOException when fetching fails
   */
  default Optional<Image> select(Platform platform) throws IOException {
    Optional<Descriptor> entry = manifest().select(platform);
    if (entry.isEmpty() || !entry.get().mediaType().isImageManifest()) {
      return Optional.empty();
    }
    return Optional.of(image(entry.get().digest()));
  }
}
