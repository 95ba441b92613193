package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageValidatorTest {

  @Test
  void problems_validImage_isEmpty() throws IOException {
    assertThat(ImageValidator.problems(TestImages.image(Platform.LINUX_AMD64, 3, "ok"))).isEmpty();
  }

  @Test
  void validate_configBytesNotMatchingManifest_reportsConfigDigestAndSize() throws IOException {
    Image good = TestImages.image(Platform.LINUX_AMD64, 1, "c");
    Image bad = withConfig(good, Bytes.ofUtf8(good.rawConfig().utf8() + " "));

    assertThatThrownBy(() -> ImageValidator.validate(bad))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("config: size"))
                    .anySatisfy(p -> assertThat(p).startsWith("config: digest")));
  }

  @Test
  void validate_wrongDiffIds_reportsLayerAndCount() throws IOException {
    Layer layer = Layers.gzip(Bytes.ofUtf8("content"));
    ImageConfig config =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withAppendedLayer(Bytes.ofUtf8("something else").sha256(), History.of("x", false))
            .withAppendedLayer(Bytes.ofUtf8("extra").sha256(), History.of("y", false));
    Image image = Images.of(config, List.of(layer));

    List<String> problems = ImageValidator.problems(image);

    assertThat(problems)
        .anySatisfy(p -> assertThat(p).contains("2 diff IDs but the manifest lists 1 layers"));
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).startsWith("layer 0").contains("config's diff ID"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("history has 2 non-empty entries"));
  }

  @Test
  void validate_layerContentNotMatchingManifest_reportsDigest() throws IOException {
    Layer real = Layers.gzip(Bytes.ofUtf8("real"));
    Layer lying =
        new Layer() {
          @Override
          public Descriptor descriptor() throws IOException {
            return real.descriptor();
          }

          @Override
          public InputStream open() throws IOException {
            return Layers.gzip(Bytes.ofUtf8("fake")).open();
          }

          @Override
          public Digest diffId() throws IOException {
            return real.diffId();
          }
        };
    ImageConfig config =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withAppendedLayer(real.diffId(), History.of("x", false));
    Image image = Images.of(config, List.of(lying));

    assertThat(ImageValidator.problems(image))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("layer 0")
                    .contains("digest " + Layers.gzip(Bytes.ofUtf8("fake")).digest()))
        .anySatisfy(p -> assertThat(p).contains("diffId() reports"));
  }

  @Test
  void validate_indexEntryWithWrongSize_reportsEntry() throws IOException {
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "i");
    Descriptor wrong =
        Descriptor.of(MediaType.OCI_IMAGE_MANIFEST, image.digest(), image.rawManifest().size() + 1)
            .withPlatform(Platform.LINUX_AMD64);
    RawManifest rawIndex =
        ManifestCodec.encode(dev.registrykit.core.manifest.IndexManifest.oci(List.of(wrong)));
    ImageIndex index = Images.index(rawIndex, List.of(image), List.of());

    assertThatThrownBy(() -> ImageValidator.validate(index))
        .isInstanceOfSatisfying(
            InvalidImageException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("entry 0")
                    .contains("size"));
  }

  @Test
  void validate_artifactWithEmptyConfig_skipsImageConfigChecks() throws IOException {
    Layer blob = Layers.of(Bytes.ofUtf8("sbom"), MediaType.of("application/vnd.example.sbom+json"));
    RawManifest raw =
        ManifestCodec.encode(
            dev.registrykit.core.manifest.ImageManifest.oci(
                    Descriptor.EMPTY_JSON, List.of(blob.descriptor()))
                .withArtifactType("application/vnd.example.sbom+json"));

    Image artifact = Images.of(raw, Descriptor.EMPTY_JSON_CONTENT, List.of(blob));

    assertThat(ImageValidator.problems(artifact)).isEmpty();
  }

  private static Image withConfig(Image image, Bytes config) {
    return new Image() {
      @Override
      public RawManifest rawManifest() throws IOException {
        return image.rawManifest();
      }

      @Override
      public Bytes rawConfig() {
        return config;
      }

      @Override
      public Layer layer(Digest digest) throws IOException {
        return image.layer(digest);
      }
    };
  }
}
