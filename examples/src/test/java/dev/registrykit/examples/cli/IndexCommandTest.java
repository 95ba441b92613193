package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RootFs;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code registrykit index create} and {@code index append} against the fake. */
@Timeout(60)
class IndexCommandTest {
  private FakeRegistry fake;
  private Image amd64;
  private Image arm64;
  private Image armV7;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.builder().start();
    amd64 = image(Platform.LINUX_AMD64);
    arm64 = image(Platform.parse("linux/arm64"));
    armV7 = image(Platform.parse("linux/arm/v7"));
    SeedImages.seed(fake, "app", "amd64", amd64);
    SeedImages.seed(fake, "app", "arm64", arm64);
    // another repository of the same registry: copied into the index's repository
    SeedImages.seed(fake, "builds/arm", "v7", armV7);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void create_listsEachImageWithThePlatformOfItsConfig() throws IOException {
    CliRun run =
        CliRun.of(
                "index",
                "create",
                fake.host() + "/app:multi",
                "--manifest",
                fake.host() + "/app:amd64",
                "--manifest",
                fake.host() + "/app:arm64",
                "--annotation",
                "org.opencontainers.image.version=1.0",
                "--quiet")
            .assertSuccess();

    IndexManifest index = ManifestCodec.parseIndex(fake.manifest("app", "multi").orElseThrow());
    assertThat(run.stdout().strip())
        .isEqualTo(fake.manifest("app", "multi").orElseThrow().digest().toString());
    assertThat(index.mediaType()).contains(MediaType.OCI_IMAGE_INDEX);
    assertThat(index.manifests())
        .extracting(Descriptor::digest)
        .containsExactly(amd64.digest(), arm64.digest());
    assertThat(index.manifests())
        .extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/amd64", "linux/arm64");
    assertThat(index.annotations()).isEqualTo(Map.of("org.opencontainers.image.version", "1.0"));
  }

  @Test
  void append_addsAnImageFromAnotherRepository_copyingItThere() throws IOException {
    CliRun.of(
            "index", "create", fake.host() + "/app:multi", "--manifest", fake.host() + "/app:amd64")
        .assertSuccess();

    CliRun.of(
            "index",
            "append",
            fake.host() + "/app:multi",
            "--manifest",
            fake.host() + "/builds/arm:v7",
            "--manifest",
            fake.host() + "/app:amd64")
        .assertSuccess();

    IndexManifest index = ManifestCodec.parseIndex(fake.manifest("app", "multi").orElseThrow());
    assertThat(index.manifests())
        .extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/amd64", "linux/arm/v7");
    assertThat(fake.manifest("app", armV7.digest().toString())).isPresent();
    assertThat(fake.blobs("app")).contains(armV7.manifest().config().digest());
  }

  @Test
  void aManifestNotFound_failsAndStoresNothing() {
    CliRun run =
        CliRun.of(
            "index",
            "create",
            fake.host() + "/app:multi",
            "--manifest",
            fake.host() + "/app:amd64",
            "--manifest",
            fake.host() + "/app:missing");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("app:missing");
    assertThat(fake.manifest("app", "multi")).isEmpty();
  }

  @Test
  void theSameImageTwice_isListedOnce_butTwoImagesOfOnePlatformAreRefused() throws Exception {
    CliRun.of(
            "index",
            "create",
            fake.host() + "/app:multi",
            "--manifest",
            fake.host() + "/app:amd64",
            "--manifest",
            fake.host() + "/app:amd64")
        .assertSuccess();
    IndexManifest index = ManifestCodec.parseIndex(fake.manifest("app", "multi").orElseThrow());
    assertThat(index.manifests()).extracting(Descriptor::digest).containsExactly(amd64.digest());

    SeedImages.seed(fake, "app", "amd64-rebuilt", image(Platform.LINUX_AMD64, "rebuilt"));
    CliRun clash =
        CliRun.of(
            "index",
            "append",
            fake.host() + "/app:multi",
            "--manifest",
            fake.host() + "/app:amd64-rebuilt");

    assertThat(clash.exitCode()).isEqualTo(1);
    assertThat(clash.stderr()).contains("two images for linux/amd64");
    assertThat(ManifestCodec.parseIndex(fake.manifest("app", "multi").orElseThrow()))
        .isEqualTo(index);
  }

  @Test
  void usage() {
    assertThat(CliRun.of("index", "create", fake.host() + "/app:x").stderr())
        .contains("needs at least one --manifest");
    assertThat(
            CliRun.of(
                    "index",
                    "create",
                    fake.host() + "/app:x",
                    "--manifest",
                    "other.example:5000/app:v1")
                .stderr())
        .contains("is on another registry");
    assertThat(CliRun.of("index", "merge", fake.host() + "/app:x").exitCode()).isEqualTo(2);
    CliRun notIndex =
        CliRun.of(
            "index",
            "append",
            fake.host() + "/app:amd64",
            "--manifest",
            fake.host() + "/app:arm64");
    assertThat(notIndex.stderr()).contains("is an image, not an index");
  }

  private static Image image(Platform platform) throws IOException {
    return image(platform, "");
  }

  private static Image image(Platform platform, String salt) throws IOException {
    Layer layer = Layers.gzip(Bytes.ofUtf8("layer for " + platform + salt));
    return Images.of(
        ImageConfig.of(platform).withRootfs(RootFs.of(List.of(layer.diffId()))), List.of(layer));
  }
}
