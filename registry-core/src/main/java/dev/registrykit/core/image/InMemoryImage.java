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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image whose manifest and config are held in memory, as {@link Images} and {@code ImageBuilder}
 * make them: everything was read and checked when it was made, so nothing here declares a checked
 * exception. Layers are kept as given (a file-backed layer stays on disk, and opening it may still
 * fail).
 *
 * <p>Immutable and thread-safe: the manifest and config bytes are fixed, so digests and the image
 * ID never change.
 */
public final class InMemoryImage implements Image {
  private final RawManifest rawManifest;
  private final Bytes rawConfig;
  private final ImageManifest manifest;
  private final Optional<ImageConfig> config;
  private final Map<Digest, Layer> layers;

  /**
   * Parses the manifest (and the config, when its media type is an image config's) and indexes the
   * layers by digest; the caller has checked that they match the manifest.
   */
  InMemoryImage(RawManifest rawManifest, Bytes rawConfig, List<Layer> layers) throws IOException {
    this.rawManifest = rawManifest;
    this.rawConfig = rawConfig;
    this.manifest = ManifestCodec.parseImageManifest(rawManifest);
    this.config =
        manifest.config().mediaType().isConfig()
            ? Optional.of(ManifestCodec.parseConfig(rawConfig))
            : Optional.empty();
    Map<Digest, Layer> map = new LinkedHashMap<>();
    for (Layer layer : layers) {
      map.putIfAbsent(layer.digest(), Objects.requireNonNull(layer, "layer"));
    }
    this.layers = map;
  }

  @Override
  public RawManifest rawManifest() {
    return rawManifest;
  }

  @Override
  public Bytes rawConfig() {
    return rawConfig;
  }

  @Override
  public ImageManifest manifest() {
    return manifest;
  }

  /**
   * The parsed config, read when this image was made.
   *
   * @throws IllegalStateException when the config is not an image config (an artifact's config
   *     media type): there is nothing to parse, only {@link #rawConfig()}
   */
  @Override
  public ImageConfig config() {
    return config.orElseThrow(
        () ->
            new IllegalStateException(
                "the config is "
                    + manifest.config().mediaType()
                    + ", not an image config; read rawConfig()"));
  }

  @Override
  public Digest digest() {
    return rawManifest.digest();
  }

  @Override
  public ImageId id() {
    return ImageId.of(manifest.config().digest());
  }

  @Override
  public Descriptor descriptor() {
    return rawManifest.descriptor();
  }

  @Override
  public Layer layer(Digest digest) {
    Layer layer = layers.get(digest);
    if (layer == null) {
      throw new IllegalArgumentException("not a layer of this image: " + digest);
    }
    return layer;
  }

  @Override
  public List<Layer> layers() {
    List<Layer> ordered = new ArrayList<>(manifest.layers().size());
    for (Descriptor d : manifest.layers()) {
      ordered.add(layer(d.digest()));
    }
    return List.copyOf(ordered);
  }

  @Override
  public String toString() {
    return "Image[" + rawManifest.digest() + ", id " + manifest.config().digest() + "]";
  }
}
