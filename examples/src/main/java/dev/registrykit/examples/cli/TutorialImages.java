package dev.registrykit.examples.cli;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tutorial's two images, built from {@link TutorialFiles} with the reproducible {@link
 * LayerBuilder} and the {@link ImageBuilder}: {@code alpine} (one layer) and {@code figlet} (that
 * layer plus one).
 *
 * <p>Everything that could vary is fixed: file modes and owners by the layer builder's rules,
 * modification times and the config's {@code created} at the epoch (as Jib does, which is why
 * {@code docker image ls} says "56 years ago"), gzip level 6. The same code gives the same digests
 * in any JVM, on any machine.
 *
 * @param base the alpine-like base image
 * @param figlet the figlet image on top of it
 * @param baseLayer the base's layer, as written
 * @param figletLayer the layer figlet adds
 */
record TutorialImages(Image base, Image figlet, BuiltLayer baseLayer, BuiltLayer figletLayer) {

  static final Instant CREATED = Instant.EPOCH;

  TutorialImages {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(figlet, "figlet");
    Objects.requireNonNull(baseLayer, "baseLayer");
    Objects.requireNonNull(figletLayer, "figletLayer");
  }

  /** Writes the files and layers under {@code work} and builds both images (linux/amd64, OCI). */
  static TutorialImages build(Path work) throws IOException {
    BuiltLayer baseLayer = layer(work, "alpine", TutorialFiles.base());
    BuiltLayer figletLayer = layer(work, "figlet", TutorialFiles.figlet());

    // The same steps a Dockerfile would take, through the pure image builder.
    Image base =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64)
            .addLayer(fileLayer(baseLayer), "ADD alpine-rootfs /")
            .env("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .cmd(List.of("/bin/sh"))
            .created(CREATED)
            .build();
    Image figlet =
        ImageBuilder.from(base)
            .addLayer(fileLayer(figletLayer), "COPY figlet /")
            .entrypoint(List.of("figlet"))
            .cmd(List.of("hello world"))
            .created(CREATED)
            .build();
    return new TutorialImages(base, figlet, baseLayer, figletLayer);
  }

  private static BuiltLayer layer(Path work, String name, Map<String, String> files)
      throws IOException {
    Path root = work.resolve(name + "-rootfs");
    TutorialFiles.write(root, files);
    LayerBuilder builder =
        LayerBuilder.builder()
            .addDirectory(root, "/")
            .modificationTime(CREATED)
            .compression(LayerCompression.gzip(6));
    for (String path : files.keySet()) {
      // The mode is part of the layer digest: state it rather than trust the file system.
      builder.mode("/" + path, TutorialFiles.isExecutable(path) ? 0755 : 0644);
    }
    return builder.writeTo(work.resolve(name + ".tar.gz"));
  }

  private static Layer fileLayer(BuiltLayer built) {
    return Layers.of(built.file().orElseThrow(), built.mediaType());
  }

  /** The uncompressed size of an image's layers, what {@code docker image ls} calls SIZE. */
  static long size(Image image) throws IOException {
    long total = 0;
    for (Layer layer : image.layers()) {
      try (InputStream in = layer.openUncompressed()) {
        total += in.transferTo(OutputStream.nullOutputStream());
      }
    }
    return total;
  }

  /** Deletes a work directory tree, best effort. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // a temporary directory left behind is not worth failing the tutorial for
    }
  }
}
