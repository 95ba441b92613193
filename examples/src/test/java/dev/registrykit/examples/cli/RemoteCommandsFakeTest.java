package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.image.Image;
import dev.registrykit.testkit.FakeRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every registry subcommand against the in-memory fake registry, successes and failures. */
@Timeout(60)
class RemoteCommandsFakeTest {
  private FakeRegistry registry;
  private Image image;
  private String host;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.builder().start();
    host = registry.host();
    image = SeedImages.image("figlet", 2);
    SeedImages.seed(registry, "figlet", "latest", image);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void digest_tagless_resolvesLatest() throws Exception {
    CliRun run = cli("digest", host + "/figlet").assertSuccess();

    assertThat(run.stdout()).isEqualTo(image.digest() + "\n");
  }

  @Test
  void manifest_printsExactBytes() throws Exception {
    CliRun run = cli("manifest", host + "/figlet:latest").assertSuccess();

    assertThat(run.stdout()).isEqualTo(image.rawManifest().bytes().utf8() + "\n");
  }

  @Test
  void config_printsConfigWhoseDigestIsTheImageId() throws Exception {
    CliRun run = cli("config", host + "/figlet").assertSuccess();

    assertThat(run.stdout()).isEqualTo(image.rawConfig().utf8() + "\n");
    assertThat(run.stdout()).contains("/bin/figlet");
  }

  @Test
  void tags_listsSorted() throws Exception {
    registry.putManifest("figlet", image.rawManifest(), "v2", "v10");

    CliRun run = cli("tags", host + "/figlet").assertSuccess();

    assertThat(run.stdout().lines()).containsExactly("latest", "v10", "v2");
  }

  @Test
  void catalog_listsRepositories() throws Exception {
    SeedImages.seed(registry, "library/alpine", "3.19", SeedImages.image("alpine", 1));

    CliRun run = cli("catalog", host).assertSuccess();

    assertThat(run.stdout().lines()).containsExactly("figlet", "library/alpine");
  }

  @Test
  void tag_addsTagsWithSameDigest() throws Exception {
    CliRun run = cli("tag", host + "/figlet", "v1", "stable").assertSuccess();

    assertThat(run.stdout().lines())
        .containsExactly(
            host + "/figlet:v1 -> " + image.digest(), host + "/figlet:stable -> " + image.digest());
    assertThat(registry.tags("figlet")).contains("latest", "v1", "stable");
    assertThat(cli("digest", host + "/figlet:stable").stdout().strip())
        .isEqualTo(image.digest().toString());
  }

  @Test
  void copy_sameRegistry_mountsAndPrintsDockerPushLines() throws Exception {
    CliRun run = cli("copy", host + "/figlet", host + "/zavy86/figlet").assertSuccess();

    List<String> lines = run.stdout().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Using default tag: latest");
    assertThat(lines.get(1))
        .isEqualTo("The push refers to repository [" + host + "/zavy86/figlet]");
    assertThat(lines.subList(2, 4))
        .allSatisfy(l -> assertThat(l).matches("[0-9a-f]{12}: Mounted from figlet"));
    assertThat(lines.get(4))
        .isEqualTo("latest: digest: " + image.digest() + " size: " + image.rawManifest().size());
    assertThat(lines).hasSize(5);
    assertThat(registry.manifest("zavy86/figlet", "latest")).contains(image.rawManifest());
  }

  @Test
  void copy_toOtherRegistry_pushesLayersTopFirst() throws Exception {
    try (FakeRegistry other = FakeRegistry.builder().start()) {
      CliRun run =
          cli("copy", "docker://" + host + "/figlet:latest", other.host() + "/figlet:v1")
              .assertSuccess();

      List<String> lines = run.stdout().lines().toList();
      String top = image.manifest().layers().get(1).digest().shortHex();
      String bottom = image.manifest().layers().get(0).digest().shortHex();
      assertThat(lines)
          .containsExactly(
              "The push refers to repository [" + other.host() + "/figlet]",
              top + ": Pushed",
              bottom + ": Pushed",
              "v1: digest: " + image.digest() + " size: " + image.rawManifest().size());
      assertThat(other.manifest("figlet", "v1")).contains(image.rawManifest());
    }
  }

  @Test
  void copy_quiet_printsDigestLineOnly() throws Exception {
    try (FakeRegistry other = FakeRegistry.builder().start()) {
      CliRun run =
          cli("copy", "--quiet", host + "/figlet", other.host() + "/figlet").assertSuccess();

      assertThat(run.stdout())
          .isEqualTo(
              "latest: digest: " + image.digest() + " size: " + image.rawManifest().size() + "\n");
    }
  }

  @Test
  void copy_onTerminal_drawsProgressPerLayerInPlace() throws Exception {
    try (FakeRegistry other = FakeRegistry.builder().start()) {
      CliRun run =
          CliRun.onTerminal("copy", "--insecure", host + "/figlet", other.host() + "/figlet")
              .assertSuccess();

      String top = image.manifest().layers().get(1).digest().shortHex();
      String bottom = image.manifest().layers().get(0).digest().shortHex();
      assertThat(run.stdout())
          .startsWith(
              "Using default tag: latest\nThe push refers to repository ["
                  + other.host()
                  + "/figlet]\n")
          .contains(top + ": Preparing\n", bottom + ": Preparing\n")
          .contains("\033[2K" + top + ": Pushed", "\033[2K" + bottom + ": Pushed")
          .doesNotContain(image.manifest().config().digest().shortHex())
          .endsWith(
              "latest: digest: " + image.digest() + " size: " + image.rawManifest().size() + "\n");
    }
  }

  @Test
  void delete_removesManifest() throws Exception {
    CliRun run = cli("delete", host + "/figlet:latest").assertSuccess();

    assertThat(run.stdout()).isEqualTo("Deleted: " + host + "/figlet@" + image.digest() + "\n");
    assertThat(registry.manifest("figlet", image.digest().toString())).isEmpty();
    assertThat(cli("digest", host + "/figlet").exitCode()).isEqualTo(1);
  }

  @Test
  void unknownRepository_exit1OneLine() {
    for (List<String> args :
        List.of(
            List.of("digest", host + "/nope"),
            List.of("manifest", host + "/nope:v1"),
            List.of("config", host + "/nope"),
            List.of("tags", host + "/nope"),
            List.of("delete", host + "/nope"),
            List.of("tag", host + "/nope", "v2"),
            List.of("copy", host + "/nope", host + "/other"))) {
      CliRun run = cli(args.toArray(String[]::new));

      assertThat(run.exitCode()).as("%s", args).isEqualTo(1);
      assertThat(run.stderr().lines()).as("%s", args).hasSize(1);
      assertThat(run.stderr()).as("%s", args).startsWith("registrykit " + args.get(0) + ": ");
      assertThat(run.stdout()).as("%s", args).doesNotContain("digest:");
    }
  }

  @Test
  void badReference_exit2OneLine() {
    for (List<String> args :
        List.of(
            List.of("digest", "a//b"),
            List.of("digest", host + "/UPPER"),
            List.of("manifest", host + "/figlet:bad tag"),
            List.of("tags", host + "/figlet:latest"),
            List.of("catalog", "not a registry"),
            List.of("tag", host + "/figlet", "bad:tag"),
            List.of("copy", host + "/figlet", "oci:"),
            List.of("config", host + "/figlet", "--platform", "linux"))) {
      CliRun run = cli(args.toArray(String[]::new));

      assertThat(run.exitCode()).as("%s", args).isEqualTo(2);
      assertThat(run.stderr().lines()).as("%s", args).hasSize(1);
    }
  }

  @Test
  void unreachableRegistry_exit1() {
    CliRun run = CliRun.of("digest", "--insecure", "127.0.0.1:1/figlet");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).startsWith("registrykit digest: ");
    assertThat(run.stderr().lines()).hasSize(1);
  }

  private CliRun cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--insecure");
    return CliRun.of(all);
  }
}
