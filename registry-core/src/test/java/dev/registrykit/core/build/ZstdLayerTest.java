package dev.registrykit.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdLayerTest {
  @TempDir Path tmp;

  @Test
  void writeTo_zstd_sameTarAsUncompressed() throws IOException {
    Path source = tree();

    BuiltLayer tar =
        LayerBuilder.builder()
            .addDirectory(source, "/app")
            .compression(LayerCompression.NONE)
            .writeTo(tmp.resolve("l.tar"));
    BuiltLayer zstd =
        LayerBuilder.builder()
            .addDirectory(source, "/app")
            .compression(LayerCompression.zstd(3))
            .writeTo(tmp.resolve("l.tar.zst"));

    assertThat(zstd.mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(zstd.diffId()).isEqualTo(tar.digest());
    assertThat(zstd.digest())
        .isEqualTo(Bytes.of(Files.readAllBytes(tmp.resolve("l.tar.zst"))).sha256());
    assertThat(zstd.size()).isLessThan(tar.size());
    try (InputStream in = zstd.openUncompressed()) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(tmp.resolve("l.tar")));
    }
  }

  @Test
  void writeTo_zstdLevels_differentBlobsSameDiffId() throws IOException {
    Path source = tree();

    BuiltLayer fast =
        LayerBuilder.builder()
            .addDirectory(source, "/")
            .compression(LayerCompression.zstd(1))
            .writeTo(tmp.resolve("1.zst"));
    BuiltLayer small =
        LayerBuilder.builder()
            .addDirectory(source, "/")
            .compression(LayerCompression.zstd(19))
            .writeTo(tmp.resolve("19.zst"));
    BuiltLayer again =
        LayerBuilder.builder()
            .addDirectory(source, "/")
            .compression(LayerCompression.zstd(19))
            .writeTo(tmp.resolve("19b.zst"));

    assertThat(small.diffId()).isEqualTo(fast.diffId());
    assertThat(small.digest()).isNotEqualTo(fast.digest());
    assertThat(again.digest()).isEqualTo(small.digest());
  }

  @Test
  void layerCompression_levels_validated() {
    assertThatThrownBy(() -> LayerCompression.zstd(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LayerCompression.zstd(23))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LayerCompression.gzip(10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LayerCompression(LayerCompression.Algorithm.NONE, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LayerCompression.ZSTD.level()).isEqualTo(3);
    assertThat(LayerCompression.algorithmOf(MediaType.DOCKER_LAYER_GZIP))
        .isEqualTo(LayerCompression.Algorithm.GZIP);
    assertThat(LayerCompression.algorithmOf(MediaType.OCI_LAYER_ZSTD))
        .isEqualTo(LayerCompression.Algorithm.ZSTD);
    assertThat(LayerCompression.algorithmOf(MediaType.OCI_LAYER))
        .isEqualTo(LayerCompression.Algorithm.NONE);
  }

  @Test
  void recompress_gzipToZstdAndBack_sameDiffId() throws IOException {
    BuiltLayer gzip =
        LayerBuilder.builder()
            .addDirectory(tree(), "/")
            .compression(LayerCompression.GZIP)
            .writeTo(tmp.resolve("l.tar.gz"));

    BuiltLayer zstd =
        LayerBuilder.recompress(gzip, LayerCompression.ZSTD, tmp.resolve("l.tar.zst"));
    BuiltLayer back =
        LayerBuilder.recompress(zstd, LayerCompression.GZIP, tmp.resolve("back.tar.gz"));

    assertThat(zstd.mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(zstd.diffId()).isEqualTo(gzip.diffId());
    assertThat(back.diffId()).isEqualTo(gzip.diffId());
    assertThat(back.digest()).isEqualTo(gzip.digest()); // same tar, same gzip level, same zlib
    ImageValidator.validate(Images.of(config(zstd.diffId()), List.of(zstd)));
  }

  @Test
  void recompress_sourceNotMatchingItsDigest_failsAndLeavesNoFile() throws IOException {
    BuiltLayer gzip =
        LayerBuilder.builder().addDirectory(tree(), "/").writeTo(tmp.resolve("l.tar.gz"));
    Descriptor lie =
        Descriptor.of(
            MediaType.OCI_LAYER_GZIP, Digest.parse("sha256:" + "0".repeat(64)), gzip.size());
    Layer corrupt =
        new Layer() {
          @Override
          public Descriptor descriptor() {
            return lie;
          }

          @Override
          public InputStream open() throws IOException {
            return dev.registrykit.core.digest.VerifyingInputStream.of(
                Files.newInputStream(tmp.resolve("l.tar.gz")), lie.digest(), lie.size());
          }
        };
    Path target = tmp.resolve("out.zst");

    assertThatThrownBy(() -> LayerBuilder.recompress(corrupt, LayerCompression.ZSTD, target))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void imageBuilder_layerCompression_convertsADockerGzipBaseToAnOciZstdImage() throws IOException {
    BuiltLayer baseLayer =
        LayerBuilder.builder().addDirectory(tree(), "/").writeTo(tmp.resolve("base.tar.gz"));
    Image base =
        Images.of(config(baseLayer.diffId()), List.of(baseLayer), MediaType.DOCKER_MANIFEST_V2);
    BuiltLayer app =
        LayerBuilder.builder().addEmptyDirectory("app").writeTo(tmp.resolve("app.tar.gz"));

    ImageBuilder builder =
        ImageBuilder.from(base)
            .addLayer(app, "COPY app")
            .layerCompression(LayerCompression.ZSTD, tmp.resolve("converted"));
    Image image = builder.build();
    Image again = builder.build();

    assertThat(image.rawManifest().mediaType()).isEqualTo(MediaType.OCI_IMAGE_MANIFEST);
    assertThat(image.layers()).extracting(Layer::mediaType).containsOnly(MediaType.OCI_LAYER_ZSTD);
    assertThat(image.config().rootfs().diffIds()).containsExactly(baseLayer.diffId(), app.diffId());
    assertThat(again.digest()).isEqualTo(image.digest());
    try (var files = Files.list(tmp.resolve("converted"))) {
      assertThat(files.count()).isEqualTo(2); // converted once each, though built twice
    }
    ImageValidator.validate(image);

    // and back: a zstd base converted to gzip for a runtime without zstd
    Image gzip =
        ImageBuilder.from(image)
            .layerCompression(LayerCompression.GZIP, tmp.resolve("back"))
            .build();
    assertThat(gzip.layers()).extracting(Layer::mediaType).containsOnly(MediaType.OCI_LAYER_GZIP);
    assertThat(gzip.layers().get(0).digest()).isEqualTo(baseLayer.digest());
    assertThat(gzip.config().rootfs().diffIds()).isEqualTo(image.config().rootfs().diffIds());
  }

  @Test
  void imageBuilder_zstdLayerWithDockerManifest_rejected() throws IOException {
    BuiltLayer zstd =
        LayerBuilder.builder()
            .addEmptyDirectory("x")
            .compression(LayerCompression.ZSTD)
            .writeTo(tmp.resolve("x.zst"));
    ImageBuilder builder =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64)
            .addLayer(zstd)
            .manifestType(MediaType.DOCKER_MANIFEST_V2);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("zstd");
  }

  @Test
  void imageBuilder_baseLayerNotMatchingItsConfigDiffId_conversionFails() throws IOException {
    BuiltLayer layer =
        LayerBuilder.builder().addEmptyDirectory("x").writeTo(tmp.resolve("x.tar.gz"));
    Digest wrong = Bytes.ofUtf8("another tar").sha256();
    Image base = Images.of(config(wrong), List.of(layer));

    assertThatThrownBy(
            () ->
                ImageBuilder.from(base)
                    .layerCompression(LayerCompression.ZSTD, tmp.resolve("c"))
                    .build())
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(wrong.toString());
  }

  @Test
  void layersOf_zstdBytes_diffIdIsTheTarDigest() throws IOException {
    BuiltLayer zstd =
        LayerBuilder.builder()
            .addDirectory(tree(), "/")
            .compression(LayerCompression.ZSTD)
            .writeTo(tmp.resolve("l.zst"));

    Layer fromFile = Layers.of(tmp.resolve("l.zst"), MediaType.OCI_LAYER_ZSTD);

    assertThat(fromFile.diffId()).isEqualTo(zstd.diffId());
    assertThat(fromFile.digest()).isEqualTo(zstd.digest());
  }

  private static ImageConfig config(Digest... diffIds) {
    ImageConfig config =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withConfig(ContainerConfig.EMPTY.withCmd(List.of("sh")));
    for (Digest diffId : diffIds) {
      config = config.withAppendedLayer(diffId, History.of("ADD", false));
    }
    return config;
  }

  private Path tree() throws IOException {
    Path dir = Files.createTempDirectory(tmp, "src");
    Files.createDirectories(dir.resolve("lib"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(
          dir.resolve("lib/file" + i + ".txt"), ("content of file " + i + "\n").repeat(200));
    }
    Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hello\n");
    return dir;
  }
}
