package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.GeneratedIndex;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** push, pull and copy with OCI layouts and docker-save archives, against the fake registry. */
@Timeout(60)
class LocalFormatsTest {
  @TempDir Path dir;
  private FakeRegistry registry;
  private String host;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.builder().start();
    host = registry.host();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void pushThenPull_layoutRoundTrip_sameDigests() throws Exception {
    GeneratedImage image = RandomImages.image(11, 2, 2048);
    Path layout = image.writeOciLayout(dir.resolve("in"), "v1");

    CliRun push = cli("push", layout + ":v1", host + "/figlet:v1").assertSuccess();

    assertThat(push.stdout().lines())
        .hasSize(4)
        .startsWith("The push refers to repository [" + host + "/figlet]")
        .endsWith("v1: digest: " + image.digest() + " size: " + image.manifest().size());
    // docker push lists layers only, not the config blob
    assertThat(push.stdout()).doesNotContain(image.configDigest().shortHex() + ":");
    assertThat(registry.manifest("figlet", "v1")).contains(image.manifest());

    Path out = dir.resolve("out");
    CliRun pull = cli("pull", host + "/figlet:v1", out.toString()).assertSuccess();

    assertThat(pull.stdout().lines())
        .hasSize(4)
        .startsWith("v1: Pulling from figlet")
        .endsWith("Digest: " + image.digest());
    assertThat(pull.stdout().lines().skip(1).limit(2))
        .allMatch(l -> l.matches("[0-9a-f]{12}: Pull complete"));
    assertThat(cli("pull", host + "/figlet:v1", out.toString()).assertSuccess().stdout())
        .contains(": Already exists");
    Image pulled = OciLayout.open(out).image("v1");
    assertThat(pulled.digest()).isEqualTo(image.digest());
    assertThat(pulled.rawManifest()).isEqualTo(image.manifest());
  }

  @Test
  void push_layoutWithOneManifestAndNoTag_pushesIt() throws Exception {
    GeneratedImage image = RandomImages.image(12, 1, 512);
    Path layout = image.writeOciLayout(dir.resolve("in"), "only");

    CliRun push = cli("push", layout.toString(), host + "/figlet").assertSuccess();

    assertThat(push.stdout()).startsWith("Using default tag: latest\n");
    assertThat(registry.manifest("figlet", "latest")).contains(image.manifest());
  }

  @Test
  void pull_indexWithPlatform_pullsOneImageWithoutItTheIndex() throws Exception {
    GeneratedIndex index = RandomImages.index(13, List.of("linux/amd64", "linux/arm64"), 1, 512);
    index.pushTo(registry, "multi", "v1");
    GeneratedImage arm = index.images().get(1);

    cli("pull", host + "/multi:v1", dir.resolve("arm").toString(), "--platform", "linux/arm64")
        .assertSuccess();
    cli("pull", host + "/multi:v1", dir.resolve("all").toString()).assertSuccess();

    assertThat(OciLayout.open(dir.resolve("arm")).image("v1").digest()).isEqualTo(arm.digest());
    assertThat(OciLayout.open(dir.resolve("all")).resolve("v1").digest()).isEqualTo(index.digest());

    CliRun config = cli("config", host + "/multi:v1", "--platform", "linux/arm64").assertSuccess();
    assertThat(config.stdout()).isEqualTo(arm.config().utf8() + "\n");
    assertThat(cli("config", host + "/multi:v1", "--platform", "windows/amd64").exitCode())
        .isEqualTo(1);
  }

  @Test
  void copy_layoutToArchiveToRegistryToArchive_imageIdKept() throws Exception {
    GeneratedImage image = RandomImages.image(14, 2, 1024);
    Path layout = image.writeOciLayout(dir.resolve("in"), "v1");
    Path archive = dir.resolve("figlet.tar");

    CliRun toArchive =
        cli("copy", "oci:" + layout + ":v1", "docker-archive:" + archive).assertSuccess();
    assertThat(toArchive.stdout()).contains("Image ID: " + image.configDigest());
    Image saved = DockerArchive.open(archive).image();
    assertThat(saved.id().configDigest()).isEqualTo(image.configDigest());

    cli("copy", "docker-archive:" + archive, host + "/figlet:saved").assertSuccess();
    CliRun config = cli("config", host + "/figlet:saved").assertSuccess();
    assertThat(config.stdout()).isEqualTo(image.config().utf8() + "\n");

    Path back = dir.resolve("back.tar");
    cli("copy", host + "/figlet:saved", "docker-archive:" + back).assertSuccess();
    assertThat(DockerArchive.open(back).images().get(0).repoTags())
        .containsExactly(host + "/figlet:saved");
    assertThat(DockerArchive.open(back).image().id().configDigest())
        .isEqualTo(image.configDigest());

    Path layout2 = dir.resolve("from-archive");
    cli("copy", "docker-archive:" + back, "oci:" + layout2 + ":again").assertSuccess();
    assertThat(OciLayout.open(layout2).image("again").id().configDigest())
        .isEqualTo(image.configDigest());
  }

  @Test
  void copy_registryToLayoutUnderAnotherTag() throws Exception {
    GeneratedImage image = RandomImages.image(15, 1, 512);
    image.pushTo(registry, "figlet", "latest");

    cli("copy", host + "/figlet", "oci:" + dir.resolve("l") + ":renamed").assertSuccess();

    assertThat(OciLayout.open(dir.resolve("l")).image("renamed").digest())
        .isEqualTo(image.digest());
  }

  @Test
  void errors_missingLayoutOrTag_oneLineNonZero() throws Exception {
    GeneratedImage image = RandomImages.image(16, 1, 256);
    Path layout = image.writeOciLayout(dir.resolve("in"), "v1");
    Files.createDirectories(dir.resolve("empty"));

    for (List<String> args :
        List.of(
            List.of("push", dir.resolve("nope") + ":v1", host + "/figlet"),
            List.of("push", layout + ":v2", host + "/figlet"),
            List.of("push", dir.resolve("empty").toString(), host + "/figlet"),
            List.of("copy", "docker-archive:" + dir.resolve("nope.tar"), host + "/figlet"),
            List.of("pull", host + "/nope", dir.resolve("x").toString()))) {
      CliRun run = cli(args.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s: %s", args, run.stderr()).isNotZero();
      assertThat(run.stderr().lines()).as("%s", args).hasSize(1);
    }
    assertThat(cli("push", layout + ":v1", "oci:" + dir.resolve("y")).exitCode()).isEqualTo(2);
    assertThat(cli("pull", "oci:" + layout, dir.resolve("z").toString()).exitCode()).isEqualTo(2);
    assertThat(
            cli("pull", host + "/figlet", dir.resolve("z").toString(), "--platform", "linux")
                .exitCode())
        .isEqualTo(2);
    assertThat(Platform.parse("linux/arm64/v8").variant()).contains("v8");
  }

  private static CliRun cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--insecure");
    return CliRun.of(all);
  }
}
