package dev.registrykit.core.image;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Small consistent images for tests. */
final class TestImages {
  private TestImages() {}

  /** A valid image with {@code layerCount} gzip layers whose content derives from {@code seed}. */
  static Image image(Platform platform, int layerCount, String seed, MediaType manifestType) {
    try {
      ImageConfig config =
          ImageConfig.of(platform)
              .withCreated("2024-01-0" + (1 + Math.abs(seed.hashCode()) % 9) + "T00:00:00Z");
      List<Layer> layers = new ArrayList<>();
      for (int i = 0; i < layerCount; i++) {
        Layer layer =
            Layers.gzip(
                Bytes.ofUtf8("tar content " + seed + " " + i),
                manifestType.isDocker() ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_GZIP);
        layers.add(layer);
        config = config.withAppendedLayer(layer.diffId(), History.of("layer " + i, false));
      }
      return Images.of(config, layers, manifestType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Image image(Platform platform, int layerCount, String seed) {
    return image(platform, layerCount, seed, MediaType.OCI_IMAGE_MANIFEST);
  }
}
