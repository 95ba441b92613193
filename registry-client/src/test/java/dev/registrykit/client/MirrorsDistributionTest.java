package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.remote.PullResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Distribution registry as the mirror of a fake, seeded by a copy (a mirror without
 * pull-through), reached through a {@code registries.conf} that rewrites the prefix {@code
 * example.com/acme} to the fake's namespace: pulls come from the mirror, and from the primary
 * location once the mirror is stopped.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MirrorsDistributionTest {
  private static final GeneratedImage IMAGE = RandomImages.image(41, 3, 20_000);
  private static final ImageReference WANTED = ImageReference.parse("example.com/acme/team/app:1");

  @TempDir Path dir;
  private FakeRegistry primary;
  private DistributionRegistry mirror;
  private RegistriesConfig config;

  @BeforeEach
  void start() throws IOException {
    Peers.requireDistribution();
    primary = FakeRegistry.start();
    mirror = DistributionRegistry.startPlain();
    IMAGE.pushTo(primary, "internal/team/app", "1");
    Registry fake = Registry.parse(primary.host());
    Registry distribution = Registry.parse(mirror.hostPort());
    try (RegistryClient seeder = TestClients.plain(fake, distribution).build()) {
      Remote.copy(
          seeder,
          ImageReference.parse(primary.host() + "/internal/team/app:1"),
          ImageReference.parse(mirror.hostPort() + "/cache/team/app:1"),
          TransferOptions.defaults());
    }
    Path conf =
        Files.writeString(
            dir.resolve("registries.conf"),
            "[[registry]]\n"
                + "prefix = \"example.com/acme\"\n"
                + "location = \""
                + primary.host()
                + "/internal\"\n"
                + "insecure = true\n"
                + "[[registry.mirror]]\n"
                + "location = \""
                + mirror.hostPort()
                + "/cache\"\n"
                + "insecure = true\n");
    config = RegistriesConfig.parse(conf);
    primary.clearRequests();
  }

  @AfterEach
  void stop() {
    try (FakeRegistry p = primary;
        DistributionRegistry m = mirror) {
      primary = null;
      mirror = null;
    }
  }

  private PullResult pull() throws IOException {
    try (RegistryClient client =
        RegistryClient.builder().retryPolicy(RetryPolicy.none()).registries(config).build()) {
      PullResult pulled =
          Remote.pull(client, WANTED, dir.resolve("layout"), TransferOptions.defaults());
      assertThat(pulled.descriptor().digest()).isEqualTo(IMAGE.digest());
      for (Digest blob : IMAGE.blobs().keySet()) {
        assertThat(
                Digest.sha256(Files.readAllBytes(dir.resolve("layout/blobs/sha256/" + blob.hex()))))
            .isEqualTo(blob);
      }
      return pulled;
    }
  }

  @Test
  void pullThroughThePrefixRewrite_servedByTheDistributionMirror() throws IOException {
    PullResult pulled = pull();

    assertThat(pulled.servedBy()).hasSize(IMAGE.blobs().size());
    assertThat(pulled.servedBy().values())
        .containsOnly(Repository.parse(mirror.hostPort() + "/cache/team/app"));
    assertThat(primary.requests()).noneMatch(e -> e.path().contains("/blobs/"));
  }

  @Test
  void mirrorStopped_failsOverToTheRewrittenPrimaryLocation() throws IOException {
    mirror.close();

    PullResult pulled = pull();

    assertThat(pulled.servedBy().values())
        .containsOnly(Repository.parse(primary.host() + "/internal/team/app"));
    assertThat(primary.requests())
        .anyMatch(e -> e.path().equals("/v2/internal/team/app/manifests/1"));
  }
}
