package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import java.util.Map;
import java.util.Optional;

/**
 * An index held in memory with the images and nested indexes it lists, as {@link Images} makes it:
 * parsed and checked when made, so nothing here declares a checked exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class InMemoryIndex implements ImageIndex {
  private final RawManifest rawManifest;
  private final IndexManifest manifest;
  private final Map<Digest, Image> images;
  private final Map<Digest, ImageIndex> indexes;

  InMemoryIndex(RawManifest rawManifest, Map<Digest, Image> images, Map<Digest, ImageIndex> indexes)
      throws InvalidManifestException {
    this.rawManifest = rawManifest;
    this.manifest = ManifestCodec.parseIndex(rawManifest);
    this.images = Map.copyOf(images);
    this.indexes = Map.copyOf(indexes);
  }

  @Override
  public RawManifest rawManifest() {
    return rawManifest;
  }

  @Override
  public IndexManifest manifest() {
    return manifest;
  }

  @Override
  public Digest digest() {
    return rawManifest.digest();
  }

  @Override
  public Descriptor descriptor() {
    return rawManifest.descriptor();
  }

  @Override
  public Image image(Digest digest) {
    Image image = images.get(digest);
    if (image == null) {
      throw new IllegalArgumentException("no image " + digest + " in this index");
    }
    return image;
  }

  @Override
  public ImageIndex index(Digest digest) {
    ImageIndex index = indexes.get(digest);
    if (index == null) {
      throw new IllegalArgumentException("no nested index " + digest + " in this index");
    }
    return index;
  }

  @Override
  public Optional<Image> select(Platform platform) {
    Optional<Descriptor> entry = manifest.select(platform);
    if (entry.isEmpty() || !entry.get().mediaType().isImageManifest()) {
      return Optional.empty();
    }
    return Optional.of(image(entry.get().digest()));
  }

  @Override
  public String toString() {
    return "ImageIndex[" + rawManifest.digest() + ", " + images.size() + " images]";
  }
}
