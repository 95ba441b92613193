package dev.registrykit.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBuilderTest {
  @TempDir Path tmp;

  @Test
  void build_fromScratchWithLayerAndConfigEdits_validDeterministicImage() throws IOException {
    // given
    BuiltLayer layer = layer("app.jar", "jar bytes");

    // when
    Image image = figlet(layer);
    Image again = figlet(layer("app.jar", "jar bytes"));

    // then
    ImageValidator.validate(image);
    assertThat(again.digest()).isEqualTo(image.digest());
    assertThat(again.rawConfig()).isEqualTo(image.rawConfig());
    ImageConfig config = image.config();
    ContainerConfig c = config.config();
    assertThat(c.entrypoint()).contains(List.of("java", "-jar", "/app/app.jar"));
    assertThat(c.cmd()).contains(List.of("--help"));
    assertThat(c.envVar("LANG")).contains("C.UTF-8");
    assertThat(c.labels()).containsEntry("org.example.team", "tools");
    assertThat(c.workingDir()).contains("/app");
    assertThat(c.user()).contains("1000:1000");
    assertThat(c.exposedPorts()).containsExactly("8080/tcp");
    assertThat(c.volumes()).containsExactly("/data");
    assertThat(config.created()).contains("1970-01-01T00:00:00Z");
    assertThat(config.rootfs().diffIds()).containsExactly(layer.diffId());
    assertThat(config.history()).hasSize(2);
    assertThat(config.history().get(0).createdBy()).contains("COPY app.jar /app/");
    assertThat(config.history().get(1).emptyLayer()).isTrue();
    assertThat(image.manifest().annotations())
        .containsEntry("org.opencontainers.image.source", "https://example.com/repo");
    assertThat(image.rawManifest().mediaType()).isEqualTo(MediaType.OCI_IMAGE_MANIFEST);
    assertThat(config.platform()).isEqualTo(Platform.LINUX_AMD64);
  }

  @Test
  void build_onBase_keepsBaseLayersAndSettingsAndAppends() throws IOException {
    BuiltLayer baseLayer = layer("os-release", "alpine-like");
    Image base =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64)
            .addLayer(baseLayer, "ADD rootfs /")
            .env("PATH", "/usr/bin:/bin")
            .cmd(List.of("/bin/sh"))
            .build();
    BuiltLayer appLayer = layer("figlet", "#!/bin/sh");

    Image image =
        ImageBuilder.from(base)
            .addLayer(appLayer)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .entrypoint(List.of("figlet"))
            .created(Instant.parse("2024-05-01T10:00:00Z"))
            .build();

    ImageValidator.validate(image);
    assertThat(image.layers())
        .extracting(l -> l.digest())
        .containsExactly(baseLayer.digest(), appLayer.digest());
    assertThat(image.config().rootfs().diffIds())
        .containsExactly(baseLayer.diffId(), appLayer.diffId());
    assertThat(image.config().config().cmd()).contains(List.of("/bin/sh"));
    assertThat(image.config().config().env()).containsExactly("PATH=/usr/local/bin:/usr/bin:/bin");
    assertThat(image.config().created()).contains("2024-05-01T10:00:00Z");
    assertThat(image.config().history().get(1).created()).contains("2024-05-01T10:00:00Z");
    assertThat(image.id()).isNotEqualTo(base.id());
  }

  @Test
  void build_dockerManifestType_translatesLayerMediaTypes() throws IOException {
    BuiltLayer layer = layer("a", "b");

    Image image =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64)
            .addLayer(layer)
            .manifestType(MediaType.DOCKER_MANIFEST_V2)
            .build();

    ImageValidator.validate(image);
    assertThat(image.rawManifest().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_V2);
    assertThat(image.manifest().config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
    assertThat(image.manifest().layers().get(0).mediaType()).isEqualTo(MediaType.DOCKER_LAYER_GZIP);
    assertThat(image.manifest().layers().get(0).digest()).isEqualTo(layer.digest());
    // and back: a Docker base gives a Docker manifest by default, OCI on request
    Image oci = ImageBuilder.from(image).manifestType(MediaType.OCI_IMAGE_MANIFEST).build();
    assertThat(oci.manifest().layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(ImageBuilder.from(image).build().rawManifest().mediaType())
        .isEqualTo(MediaType.DOCKER_MANIFEST_V2);
  }

  @Test
  void from_indexAndPlatform_selectsMatchingImage() throws IOException {
    Image amd = ImageBuilder.fromScratch(Platform.LINUX_AMD64).build();
    Image arm = ImageBuilder.fromScratch(Platform.of("linux", "arm64", "v8")).build();
    ImageIndex index = Images.index(List.of(amd, arm));

    Image built = ImageBuilder.from(index, Platform.LINUX_ARM64).label("k", "v").build();

    assertThat(built.config().platform().architecture()).isEqualTo("arm64");
    assertThatThrownBy(() -> ImageBuilder.from(index, Platform.of("windows", "amd64")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windows/amd64");
  }

  @Test
  void build_invalidSettings_areRejected() throws IOException {
    ImageBuilder builder = ImageBuilder.fromScratch(Platform.LINUX_AMD64);

    assertThatThrownBy(() -> builder.history(History.of("RUN x", false)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.manifestType(MediaType.OCI_IMAGE_INDEX))
        .isInstanceOf(IllegalArgumentException.class);
    builder.manifestType(MediaType.DOCKER_MANIFEST_V2).annotation("a", "b");
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
  }

  private Image figlet(BuiltLayer layer) throws IOException {
    return ImageBuilder.fromScratch(Platform.LINUX_AMD64)
        .addLayer(layer, "COPY app.jar /app/")
        .entrypoint(List.of("java", "-jar", "/app/app.jar"))
        .cmd(List.of("--help"))
        .env("LANG", "C.UTF-8")
        .label("org.example.team", "tools")
        .workingDir("/app")
        .user("1000:1000")
        .exposedPort("8080")
        .volume("/data")
        .history(History.of("EXPOSE 8080", true))
        .annotation("org.opencontainers.image.source", "https://example.com/repo")
        .build();
  }

  private BuiltLayer layer(String name, String content) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "src");
    Files.writeString(dir.resolve(name), content);
    return LayerBuilder.builder()
        .addFile(dir.resolve(name), "/app/" + name)
        .writeTo(Files.createTempFile(tmp, "layer", ".tgz"));
  }
}
