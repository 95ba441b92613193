package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayersTest {

  @Test
  void of_uncompressedBytes_diffIdIsDigest() throws IOException {
    Layer layer = Layers.of(Bytes.ofUtf8("tar"), MediaType.OCI_LAYER);

    assertThat(layer.diffId()).isEqualTo(layer.digest()).isEqualTo(Bytes.ofUtf8("tar").sha256());
    assertThat(layer.size()).isEqualTo(3);
    assertThat(Bytes.readFrom(layer.openUncompressed())).isEqualTo(Bytes.ofUtf8("tar"));
  }

  @Test
  void gzip_tar_diffIdIsDigestOfUncompressedAndBytesAreDeterministic() throws IOException {
    Bytes tar = Bytes.ofUtf8("some tar bytes ".repeat(100));

    Layer a = Layers.gzip(tar);
    Layer b = Layers.gzip(tar);

    assertThat(a.diffId()).isEqualTo(tar.sha256());
    assertThat(a.digest()).isEqualTo(b.digest()).isNotEqualTo(a.diffId());
    assertThat(a.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(Bytes.readFrom(a.openUncompressed())).isEqualTo(tar);
  }

  @Test
  void defaultDiffId_gzipLayerFromCoreMethodsOnly_decompressesAndHashes() throws IOException {
    Bytes tar = Bytes.ofUtf8("uncompressed");
    Bytes gz = Bytes.readFrom(Layers.gzip(tar).open());
    Layer minimal =
        new Layer() {
          @Override
          public Descriptor descriptor() {
            return Descriptor.of(MediaType.DOCKER_LAYER_GZIP, gz);
          }

          @Override
          public InputStream open() {
            return gz.openStream();
          }
        };

    assertThat(minimal.diffId()).isEqualTo(tar.sha256());
  }

  @Test
  void zstdLayer_uncompressedViewAndDiffId() throws IOException {
    Bytes tar = Bytes.ofUtf8("pretend this is a tar ".repeat(100));
    java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream z = dev.registrykit.core.compress.Zstd.compress(compressed, 3)) {
      tar.writeTo(z);
    }
    Layer layer = Layers.of(Bytes.of(compressed.toByteArray()), MediaType.OCI_LAYER_ZSTD);

    try (InputStream in = layer.openUncompressed()) {
      assertThat(in.readAllBytes()).isEqualTo(tar.toByteArray());
    }
    assertThat(layer.diffId()).isEqualTo(tar.sha256());
    assertThat(layer.digest()).isNotEqualTo(tar.sha256());
  }

  @Test
  void zstdLayer_notAZstdFrame_uncompressedViewFails() {
    Layer layer = Layers.of(Bytes.ofUtf8("x"), MediaType.OCI_LAYER_ZSTD);

    assertThatThrownBy(layer::diffId).isInstanceOf(IOException.class);
  }

  @Test
  void of_path_isLazyAndStreams(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("layer.tar.gz");
    Layer missing = Layers.of(dir.resolve("absent"), MediaType.OCI_LAYER_GZIP);
    assertThatThrownBy(missing::descriptor).isInstanceOf(NoSuchFileException.class);

    byte[] tar = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(tar);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(tar);
    }
    Layer layer = Layers.of(file, MediaType.OCI_LAYER_GZIP);

    assertThat(layer.digest())
        .isEqualTo(Digest.of(DigestAlgorithm.SHA256, Files.readAllBytes(file)));
    assertThat(layer.size()).isEqualTo(Files.size(file));
    assertThat(layer.diffId()).isEqualTo(Digest.sha256(tar));
    assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
  }

  @Test
  void gzip_nonGzipType_throws() {
    assertThatThrownBy(() -> Layers.gzip(Bytes.empty(), MediaType.OCI_LAYER))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
