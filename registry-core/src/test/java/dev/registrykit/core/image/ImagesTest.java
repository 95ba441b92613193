package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImagesTest {

  @Test
  void of_configAndLayers_derivesEverythingFromRawBytes() throws IOException {
    Image image = TestImages.image(Platform.LINUX_AMD64, 2, "a");

    ImageManifest manifest = image.manifest();
    assertThat(image.digest()).isEqualTo(image.rawManifest().bytes().sha256());
    assertThat(image.id().configDigest()).isEqualTo(image.rawConfig().sha256());
    assertThat(manifest.config().mediaType()).isEqualTo(MediaType.OCI_CONFIG);
    assertThat(manifest.layers()).hasSize(2);
    assertThat(image.layers())
        .extracting(Layer::digest)
        .containsExactlyElementsOf(manifest.layers().stream().map(Descriptor::digest).toList());
    assertThat(image.config().rootfs().diffIds())
        .containsExactly(image.layers().get(0).diffId(), image.layers().get(1).diffId());
    assertThat(image.descriptor())
        .isEqualTo(
            Descriptor.of(
                MediaType.OCI_IMAGE_MANIFEST, image.digest(), image.rawManifest().size()));
    ImageValidator.validate(image);
  }

  @Test
  void of_dockerManifestType_usesDockerConfigType() throws IOException {
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "d", MediaType.DOCKER_MANIFEST_V2);

    assertThat(image.rawManifest().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_V2);
    assertThat(image.manifest().config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
    assertThat(image.id())
        .isEqualTo(TestImages.image(Platform.LINUX_AMD64, 1, "d").id())
        .as("same config, same ID");
    assertThat(image.digest())
        .isNotEqualTo(TestImages.image(Platform.LINUX_AMD64, 1, "d").digest());
    ImageValidator.validate(image);
  }

  @Test
  void of_rawParts_keepsExactBytes() throws IOException {
    Image built = TestImages.image(Platform.LINUX_ARM64, 1, "r");
    Bytes pretty = Bytes.ofUtf8(" " + built.rawManifest().bytes().utf8() + "\n");
    RawManifest raw = new RawManifest(pretty, MediaType.OCI_IMAGE_MANIFEST);

    Image image = Images.of(raw, built.rawConfig(), built.layers());

    assertThat(image.digest()).isEqualTo(pretty.sha256()).isNotEqualTo(built.digest());
    assertThat(image.id()).isEqualTo(built.id());
    ImageValidator.validate(image);
  }

  @Test
  void of_rawPartsWithWrongLayers_throws() {
    Image built = TestImages.image(Platform.LINUX_ARM64, 1, "r");

    assertThatThrownBy(() -> Images.of(built.rawManifest(), built.rawConfig(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Images.of(
                    built.rawManifest(),
                    built.rawConfig(),
                    List.of(Layers.gzip(Bytes.ofUtf8("other")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 0");
  }

  @Test
  void inMemoryImage_readsWithoutCheckedExceptions() {
    // No throws clause: an image in memory was read and checked when made (a compile-time check).
    InMemoryImage image = Images.empty(Platform.LINUX_AMD64);

    assertThat(image.manifest().layers()).isEmpty();
    assertThat(image.config().platform()).isEqualTo(Platform.LINUX_AMD64);
    assertThat(image.digest()).isEqualTo(image.rawManifest().digest());
    assertThat(image.id().configDigest()).isEqualTo(image.rawConfig().sha256());
    assertThat(image.layers()).isEmpty();
  }

  @Test
  void of_rawPartsWithAnInvalidImageConfig_failsWhenMade_asContent() {
    Image built = TestImages.image(Platform.LINUX_ARM64, 1, "r");

    assertThatThrownBy(
            () -> Images.of(built.rawManifest(), Bytes.ofUtf8("{\"os\":1}"), built.layers()))
        .isInstanceOf(InvalidManifestException.class)
        .isInstanceOf(IOException.class);
  }

  @Test
  void inMemoryIndex_selectsWithoutCheckedExceptions() throws IOException {
    Image amd64 = TestImages.image(Platform.LINUX_AMD64, 1, "a");
    InMemoryIndex index = Images.index(List.of(amd64));

    assertThat(index.select(Platform.LINUX_AMD64)).contains(amd64);
    assertThat(index.manifest().manifests()).hasSize(1);
    assertThat(index.digest()).isEqualTo(index.rawManifest().digest());
  }

  @Test
  void layer_unknownDigest_throws() {
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "x");

    assertThatThrownBy(() -> image.layer(Bytes.ofUtf8("nope").sha256()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void empty_platform_hasNoLayersAndValidates() throws IOException {
    Image empty = Images.empty(Platform.parse("linux/arm64/v8"));

    assertThat(empty.layers()).isEmpty();
    assertThat(empty.config().platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
    assertThat(ManifestCodec.encode(empty.manifest())).isEqualTo(empty.rawManifest());
    ImageValidator.validate(empty);
  }

  @Test
  void index_images_selectsByPlatformAndValidates() throws IOException {
    Image amd64 = TestImages.image(Platform.LINUX_AMD64, 1, "amd");
    Image arm64 = TestImages.image(Platform.parse("linux/arm64/v8"), 1, "arm");

    ImageIndex index = Images.index(List.of(amd64, arm64));

    assertThat(index.manifest().manifests())
        .extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(index.select(Platform.parse("linux/arm64")).orElseThrow().digest())
        .isEqualTo(arm64.digest());
    assertThat(index.select(Platform.parse("linux/amd64")).orElseThrow().id())
        .isEqualTo(amd64.id());
    assertThat(index.select(Platform.parse("linux/s390x"))).isEmpty();
    assertThat(index.digest()).isEqualTo(index.rawManifest().digest());
    ImageValidator.validate(index);
  }

  @Test
  void index_dockerList_rawPartsRoundTrip() throws IOException {
    Image amd64 = TestImages.image(Platform.LINUX_AMD64, 1, "amd", MediaType.DOCKER_MANIFEST_V2);
    ImageIndex built = Images.index(List.of(amd64), MediaType.DOCKER_MANIFEST_LIST);

    ImageIndex index = Images.index(built.rawManifest(), List.of(amd64), List.of());

    assertThat(index.rawManifest().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(index.image(amd64.digest())).isSameAs(amd64);
    assertThatThrownBy(() -> index.index(amd64.digest()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Images.index(
                    built.rawManifest(),
                    List.of(TestImages.image(Platform.LINUX_ARM64, 1, "z")),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
