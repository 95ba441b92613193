package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The registry subcommands against the real CNCF Distribution registry on loopback. */
@Timeout(120)
class RemoteCommandsDistributionTest {
  private static DistributionRegistry registry;
  private static Image image;
  private static String host;

  @BeforeAll
  static void start() throws Exception {
    Peers.requireDistribution();
    registry = DistributionRegistry.startPlain();
    host = registry.hostPort();
    image = SeedImages.image("figlet", 2);
    try (RegistryClient client =
        RegistryClient.builder()
            .transport(ApacheHttpTransport.create())
            .plainHttp(Registry.parse(host))
            .build()) {
      SeedImages.upload(client, ImageReference.parse(host + "/library/figlet:latest"), image);
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void digestManifestConfig_matchTheUploadedImage() throws Exception {
    assertThat(cli("digest", host + "/library/figlet").assertSuccess().stdout().strip())
        .isEqualTo(image.digest().toString());
    assertThat(cli("manifest", host + "/library/figlet:latest").assertSuccess().stdout())
        .isEqualTo(image.rawManifest().bytes().utf8() + "\n");
    assertThat(cli("config", host + "/library/figlet@" + image.digest()).assertSuccess().stdout())
        .isEqualTo(image.rawConfig().utf8() + "\n");
  }

  @Test
  void copyTagTagsCatalogDelete_roundTrip() throws Exception {
    CliRun copy = cli("copy", host + "/library/figlet", host + "/zavy86/figlet:v1").assertSuccess();
    assertThat(copy.stdout())
        .contains("The push refers to repository [" + host + "/zavy86/figlet]")
        .contains(": Mounted from library/figlet")
        .contains("v1: digest: " + image.digest() + " size: " + image.rawManifest().size());

    cli("tag", host + "/zavy86/figlet:v1", "v2", "latest").assertSuccess();
    assertThat(cli("tags", host + "/zavy86/figlet").assertSuccess().stdout().lines())
        .containsExactly("latest", "v1", "v2");
    assertThat(cli("catalog", host).assertSuccess().stdout().lines())
        .contains("library/figlet", "zavy86/figlet");

    assertThat(cli("delete", host + "/zavy86/figlet:v2").assertSuccess().stdout())
        .isEqualTo("Deleted: " + host + "/zavy86/figlet@" + image.digest() + "\n");
    // Distribution deletes every tag of the manifest with it.
    assertThat(cli("digest", host + "/zavy86/figlet:v1").exitCode()).isEqualTo(1);
  }

  @Test
  void errors_oneLineAndExitCodes() {
    for (List<String> args :
        List.of(
            List.of("digest", host + "/nope"),
            List.of("manifest", host + "/library/figlet:nope"),
            List.of("tags", host + "/nope"),
            List.of("copy", host + "/nope", host + "/other"))) {
      CliRun run = cli(args.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s", args).isEqualTo(1);
      assertThat(run.stderr().lines()).as("%s", args).hasSize(1);
    }
    CliRun bad = cli("digest", host + "/Library/figlet");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("lowercase");
  }

  private static CliRun cli(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.add("--insecure");
    return CliRun.of(all);
  }
}
