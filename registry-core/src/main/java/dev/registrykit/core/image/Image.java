package dev.registrykit.core.image;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-platform image: a manifest, a config and layers.
 *
 * <p>Composable in the style of go-containerregistry's {@code v1.Image} and {@code partial}: an
 * implementation provides the three core methods, and everything else is derived by the default
 * methods (which an implementation may override with a faster path). Implementations may be lazy
 * (fetch on first use) and must be thread-safe; the raw bytes they return are the truth from which
 * digests are computed.
 */
public interface Image {
  /**
   * The manifest's exact bytes and media type.
   *
   * @throws IOException when fetching them fails
   */
  RawManifest rawManifest() throws IOException;

  /**
   * The config blob's exact bytes.
   *
   * @throws IOException when fetching them fails
   */
  Bytes rawConfig() throws IOException;

  /**
   * The layer with compressed digest {@code digest}.
   *
   * @throws IOException when fetching fails
   * @throws IllegalArgumentException when the manifest lists no such layer
   */
  Layer layer(Digest digest) throws IOException;

  /**
   * The parsed manifest.
   *
   * @throws IOException when fetching fails
   * @throws dev.registrykit.core.manifest.InvalidManifestException when it is not a valid image
   *     manifest
   */
  default ImageManifest manifest() throws IOException {
    return ManifestCodec.parseImageManifest(rawManifest());
  }

  /**
   * The manifest digest, from the raw bytes.
   *
   * @throws IOException when fetching fails
   */
  default Digest digest() throws IOException {
    return rawManifest().digest();
  }

  /**
   * The image ID: the config digest as the manifest states it ({@link ImageValidator} checks that
   * the config bytes agree).
   *
   * @throws IOException when fetching fails
   */
  default ImageId id() throws IOException {
    return ImageId.of(manifest().config().digest());
  }

  /**
   * The parsed config.
   *
   * @throws IOException when fetching fails
   * @throws dev.registrykit.core.manifest.InvalidManifestException when it is not a valid image
   *     config
   */
  default ImageConfig config() throws IOException {
    return ManifestCodec.parseConfig(rawConfig());
  }

  /**
   * The layers, base first, as the manifest lists them.
   *
   * @throws IOException when fetching fails
   */
  default List<Layer> layers() throws IOException {
    List<Descriptor> descriptors = manifest().layers();
    List<Layer> layers = new ArrayList<>(descriptors.size());
    for (Descriptor d : descriptors) {
      layers.add(layer(d.digest()));
    }
    return List.copyOf(layers);
  }

  /**
   * A descriptor of the manifest (media type, digest, size), e.g. for an index entry.
   *
   * @throws IOException when fetching fails
   */
  default Descriptor descriptor() throws IOException {
    return rawManifest().descriptor();
  }
}
