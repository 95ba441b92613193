package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.PeerCredentials;
import dev.registrykit.interop.Peers;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code --creds} against registries that require authentication; the password never printed. */
@Timeout(120)
class CredentialsTest {
  private static final String PASSWORD = "wonder-land-42";

  @ParameterizedTest
  @EnumSource(
      value = AuthMode.class,
      names = {"BASIC", "TOKEN"})
  void creds_fakeWithAuth_rightPasswordWorksOthersFailInOneLine(AuthMode mode) throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(mode).user("alice", PASSWORD).start()) {
      GeneratedImage image = RandomImages.image(3, 1, 256);
      image.pushTo(registry, "figlet", "latest");
      String ref = registry.host() + "/figlet";

      CliRun ok = CliRun.of("digest", "--insecure", "--creds", "alice:" + PASSWORD, ref);
      assertThat(ok.assertSuccess().stdout().strip()).isEqualTo(image.digest().toString());

      CliRun none = CliRun.of("digest", "--insecure", ref);
      assertThat(none.exitCode()).isEqualTo(1);
      assertThat(none.stderr().lines()).hasSize(1);

      CliRun wrong = CliRun.of("digest", "--insecure", "--creds=alice:" + PASSWORD + "x", ref);
      assertThat(wrong.exitCode()).isEqualTo(1);
      assertThat(wrong.stderr().lines()).hasSize(1);
      assertThat(wrong.stdout() + wrong.stderr()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void destCreds_fakeWithBasicAuth_copyPushesWithCredentials() throws Exception {
    try (FakeRegistry source = FakeRegistry.builder().start();
        FakeRegistry target =
            FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", PASSWORD).start()) {
      GeneratedImage image = RandomImages.image(4, 2, 256);
      image.pushTo(source, "figlet", "latest");

      CliRun run =
          CliRun.of(
              "copy",
              "--insecure",
              "--dest-creds",
              "alice:" + PASSWORD,
              source.host() + "/figlet",
              target.host() + "/figlet");

      assertThat(run.assertSuccess().stdout()).contains("latest: digest: " + image.digest());
      assertThat(run.stdout() + run.stderr()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void creds_realRegistryWithHtpasswd_works() throws Exception {
    Peers.requireDistribution();
    try (DistributionRegistry registry =
        DistributionRegistry.builder().basicAuth(PeerCredentials.of("alice", PASSWORD)).start()) {
      String ref = registry.hostPort() + "/figlet";

      CliRun denied = CliRun.of("tags", "--insecure", ref);
      assertThat(denied.exitCode()).isEqualTo(1);
      assertThat(denied.stderr().lines()).hasSize(1);

      CliRun catalog =
          CliRun.of("catalog", "--insecure", "--creds", "alice:" + PASSWORD, registry.hostPort());
      assertThat(catalog.assertSuccess().stdout()).isEmpty();
    }
  }
}
