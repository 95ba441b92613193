package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.archive.TaggedImage;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * zstd layers against skopeo and the real Distribution registry: skopeo's zstd images pulled by
 * RegistryKit with their diff IDs verified, RegistryKit's zstd images read back by skopeo, and
 * RegistryKit's {@code docker save} archives of them read by skopeo.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ZstdSkopeoInteropTest extends PlainDistributionTestBase {
  @TempDir Path tmp;

  @BeforeAll
  static void requireSkopeo() {
    Peers.requireSkopeo();
  }

  @Test
  void zstdImageMadeBySkopeo_pulledByRegistryKit_diffIdsVerified() throws IOException {
    Image gzip = image(LayerCompression.GZIP);
    Remote.push(client, gzip, reference("zstd/source:v1"), TransferOptions.defaults());

    Skopeo.create()
        .copy(
            registry.dockerReference("zstd/source:v1"),
            registry.dockerReference("zstd/byskopeo:v1"),
            SkopeoAccess.of(registry),
            SkopeoAccess.of(registry),
            "--dest-compress-format",
            "zstd",
            "--format",
            "oci");

    Image pulled = Remote.image(client, reference("zstd/byskopeo:v1"), Platform.LINUX_AMD64);
    assertThat(pulled.layers()).extracting(Layer::mediaType).containsOnly(MediaType.OCI_LAYER_ZSTD);
    List<Digest> diffIds = new ArrayList<>();
    for (Layer layer : pulled.layers()) {
      diffIds.add(layer.diffId()); // decompressed and hashed here, not taken from the config
    }
    assertThat(diffIds)
        .isEqualTo(pulled.config().rootfs().diffIds())
        .isEqualTo(gzip.config().rootfs().diffIds());
  }

  @Test
  void zstdImageBuiltByRegistryKit_readBackBySkopeo() throws IOException {
    Image zstd = image(LayerCompression.ZSTD);
    Remote.push(client, zstd, reference("zstd/ours:v1"), TransferOptions.defaults());

    Path dir = tmp.resolve("dir");
    Skopeo.create()
        .copy(
            registry.dockerReference("zstd/ours:v1"),
            "dir:" + dir,
            SkopeoAccess.of(registry),
            SkopeoAccess.local(),
            "--dest-decompress");

    // skopeo decompressed every layer; what it wrote is the tar whose digest the config lists
    for (Digest diffId : zstd.config().rootfs().diffIds()) {
      Path layer = dir.resolve(diffId.hex());
      assertThat(layer).exists();
      assertThat(Bytes.of(Files.readAllBytes(layer)).sha256()).isEqualTo(diffId);
    }
    String manifest =
        Skopeo.create()
            .inspect(registry.dockerReference("zstd/ours:v1"), SkopeoAccess.of(registry), "--raw")
            .stdout();
    assertThat(manifest)
        .isEqualTo(zstd.rawManifest().bytes().utf8())
        .contains(MediaType.OCI_LAYER_ZSTD.value());
  }

  @Test
  void dockerArchiveOfAZstdImage_readBySkopeo_layersAreTheDiffIds() throws IOException {
    Image zstd = image(LayerCompression.ZSTD);
    Path archive = tmp.resolve("app.tar");

    DockerArchive.write(archive, TaggedImage.of(zstd, "app:1"));

    String inspected =
        Skopeo.create().inspect("docker-archive:" + archive, SkopeoAccess.local()).stdout();
    for (Digest diffId : zstd.config().rootfs().diffIds()) {
      assertThat(inspected).contains("\"" + diffId + "\"");
    }
    Path dir = tmp.resolve("dir");
    Skopeo.create()
        .copy(
            "docker-archive:" + archive, "dir:" + dir, SkopeoAccess.local(), SkopeoAccess.local());
    for (Digest diffId : zstd.config().rootfs().diffIds()) {
      assertThat(Bytes.of(Files.readAllBytes(dir.resolve(diffId.hex()))).sha256())
          .isEqualTo(diffId);
    }
  }

  private Image image(LayerCompression compression) throws IOException {
    ImageBuilder builder =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64).entrypoint(List.of("/bin/app"));
    for (int layer = 0; layer < 2; layer++) {
      Path source = Files.createDirectories(tmp.resolve("src" + layer + compression.algorithm()));
      for (int i = 0; i < 10; i++) {
        Files.writeString(
            source.resolve("file" + i + ".txt"),
            ("layer " + layer + " file " + i + "\n").repeat(500));
      }
      builder.addLayer(
          LayerBuilder.builder()
              .addDirectory(source, "/data" + layer)
              .compression(compression)
              .writeTo(tmp.resolve("layer" + layer + "." + compression.algorithm())));
    }
    return builder.build();
  }

  private static ImageReference reference(String repositoryAndTag) {
    return ImageReference.parse(registry.hostPort() + "/" + repositoryAndTag);
  }
}
