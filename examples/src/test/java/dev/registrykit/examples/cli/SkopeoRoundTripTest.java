package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips between this command line, the real Distribution registry and skopeo, which no one
 * here wrote: what one side writes, the other reads, with the same digests.
 */
@Timeout(180)
class SkopeoRoundTripTest {
  private static final Pattern DIGEST = Pattern.compile("\"Digest\":\\s*\"(sha256:[0-9a-f]{64})\"");
  private static DistributionRegistry registry;
  private static Skopeo skopeo;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    Peers.requireInstalled();
    registry = DistributionRegistry.startPlain();
    skopeo = Skopeo.create();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void dockerArchive_toRealRegistry_skopeoCopiesItBackToAnArchive() throws Exception {
    // given: a docker-save archive written by us from a generated image
    GeneratedImage generated = RandomImages.image(21, 2, 4096);
    Path layout = generated.writeOciLayout(dir.resolve("gen"), "v1");
    Path archive = dir.resolve("figlet.tar");
    cli("copy", "oci:" + layout + ":v1", "docker-archive:" + archive).assertSuccess();
    Image saved = DockerArchive.open(archive).image();

    // when: pushed by us, copied back out by skopeo
    String ref = registry.hostPort() + "/archive/figlet:v1";
    CliRun push = cli("copy", "docker-archive:" + archive, ref).assertSuccess();
    Path back = dir.resolve("back.tar");
    skopeo.copy(
        "docker://" + ref,
        "docker-archive:" + back,
        SkopeoAccess.of(registry),
        SkopeoAccess.local());

    // then: the registry stored our manifest byte for byte, and skopeo's archive has the same image
    assertThat(push.stdout()).contains("v1: digest: " + saved.digest());
    assertThat(inspectDigest("docker://" + ref)).isEqualTo(saved.digest().toString());
    Image roundTripped = DockerArchive.open(back).image();
    assertThat(roundTripped.id()).isEqualTo(saved.id());
    assertThat(roundTripped.config().rootfs().diffIds())
        .isEqualTo(saved.config().rootfs().diffIds());
    assertThat(saved.id().configDigest()).isEqualTo(generated.configDigest());
  }

  @Test
  void skopeoLayout_pushedByUs_sameDigest() throws Exception {
    // given: an image skopeo put into the registry and then wrote as an OCI layout
    GeneratedImage generated = RandomImages.image(22, 2, 2048);
    Path source = generated.writeOciLayout(dir.resolve("gen"), "v1");
    String original = registry.hostPort() + "/skopeo/original:v1";
    skopeo.copy(
        "oci:" + source + ":v1",
        "docker://" + original,
        SkopeoAccess.local(),
        SkopeoAccess.of(registry));
    Path skopeoLayout = dir.resolve("skopeo-layout");
    skopeo.copy(
        "docker://" + original,
        "oci:" + skopeoLayout + ":v1",
        SkopeoAccess.of(registry),
        SkopeoAccess.local());
    Descriptor written = OciLayout.open(skopeoLayout).resolve("v1");

    // when
    String ref = registry.hostPort() + "/ours/from-skopeo:v1";
    CliRun push = cli("push", skopeoLayout + ":v1", ref).assertSuccess();

    // then
    assertThat(push.stdout()).contains("v1: digest: " + written.digest());
    assertThat(inspectDigest("docker://" + ref)).isEqualTo(written.digest().toString());
  }

  @Test
  void ourLayout_readBySkopeo_sameDigest() throws Exception {
    // given: an image in the real registry, pulled into a layout by us
    GeneratedImage generated = RandomImages.image(23, 3, 1024);
    Path source = generated.writeOciLayout(dir.resolve("gen"), "v1");
    String ref = registry.hostPort() + "/ours/pulled:v1";
    cli("push", source + ":v1", ref).assertSuccess();
    Path ours = dir.resolve("ours");
    cli("pull", ref, ours.toString()).assertSuccess();

    // when / then: skopeo reads our layout, and copies from it into the registry unchanged
    assertThat(inspectDigest("oci:" + ours + ":v1")).isEqualTo(generated.digest().toString());
    String copied = registry.hostPort() + "/skopeo/from-ours:v1";
    skopeo.copy(
        "oci:" + ours + ":v1",
        "docker://" + copied,
        SkopeoAccess.local(),
        SkopeoAccess.of(registry),
        "--preserve-digests");
    assertThat(cli("digest", copied).assertSuccess().stdout().strip())
        .isEqualTo(generated.digest().toString());
  }

  @Test
  void tutorialImage_builtByUs_readBySkopeoFromTheRegistry() throws Exception {
    String out = CliRun.of("tutorial", "--registry", registry.hostPort()).assertSuccess().stdout();
    Matcher pushed = Pattern.compile("latest: digest: (sha256:[0-9a-f]{64}) size").matcher(out);
    String figlet = null;
    while (pushed.find()) {
      figlet = pushed.group(1);
    }

    assertThat(inspectDigest("docker://" + registry.hostPort() + "/figlet:latest"))
        .isEqualTo(figlet);
    String config =
        skopeo
            .inspect(
                "docker://" + registry.hostPort() + "/figlet:latest",
                SkopeoAccess.of(registry),
                "--config")
            .stdout();
    assertThat(config).contains("\"figlet\"").contains("hello world");
  }

  private String inspectDigest(String image) {
    SkopeoAccess access =
        image.startsWith("docker://") ? SkopeoAccess.of(registry) : SkopeoAccess.local();
    String json = skopeo.inspect(image, access).stdout();
    Matcher m = DIGEST.matcher(json);
    assertThat(m.find()).as(json).isTrue();
    return m.group(1);
  }

  private static CliRun cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--insecure");
    return CliRun.of(all);
  }
}
