package dev.registrykit.examples.cli;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RootFs;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Small images with fixed content, stored into registries for the command tests. */
final class SeedImages {
  private SeedImages() {}

  /** An image of {@code layers} gzip layers whose content derives from {@code name}. */
  static Image image(String name, int layers) throws IOException {
    List<Layer> list = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      Bytes content = Bytes.ofUtf8(name + " layer " + i + "\n" + "x".repeat(1000 * (i + 1)));
      Layer layer = Layers.gzip(content);
      list.add(layer);
      diffIds.add(layer.diffId());
    }
    ImageConfig config =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withConfig(ContainerConfig.EMPTY.withCmd(List.of("/bin/" + name)))
            .withRootfs(RootFs.of(diffIds));
    return Images.of(config, list);
  }

  /** Stores {@code image} in the fake directly (no HTTP) under {@code repository:tag}. */
  static void seed(FakeRegistry registry, String repository, String tag, Image image)
      throws IOException {
    registry.putBlob(repository, image.rawConfig());
    for (Layer layer : image.layers()) {
      try (InputStream in = layer.open()) {
        registry.putBlob(repository, Bytes.readFrom(in));
      }
    }
    registry.putManifest(repository, image.rawManifest(), tag);
  }

  /** Uploads {@code image} to any registry with the client's low-level calls. */
  static void upload(RegistryClient client, ImageReference target, Image image) throws IOException {
    client.pushBlob(target.repository(), image.rawConfig().openStream(), ProgressListener.NONE);
    for (Layer layer : image.layers()) {
      try (InputStream in = layer.open()) {
        client.pushBlob(target.repository(), in, ProgressListener.NONE);
      }
    }
    client.putManifest(target, image.rawManifest());
  }
}
