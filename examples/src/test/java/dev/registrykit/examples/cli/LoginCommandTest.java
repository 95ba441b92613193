package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.PeerCredentials;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrykit login} and {@code logout}: verify, store where docker does, erase. */
@Timeout(120)
class LoginCommandTest {
  private static final String PASSWORD = "s3cret-Login-pw";

  @TempDir Path config;

  @Test
  void login_passwordStdin_printsLoginSucceededStoresAndLogoutErases() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", PASSWORD).start()) {
      CliRun login = loginAsAlice(registry, PASSWORD + "\n");

      assertThat(login.assertSuccess().stdout()).isEqualTo("Login Succeeded\n");
      assertThat(login.stderr())
          .contains(
              "WARNING! Your credentials are stored unencrypted in '"
                  + config.resolve("config.json")
                  + "'");
      assertThat(login.stdout() + login.stderr()).doesNotContain(PASSWORD);
      String file = Files.readString(config.resolve("config.json"));
      assertThat(file).contains("\"" + registry.host() + "\"").doesNotContain(PASSWORD);

      CliRun logout = CliRun.of("logout", "--config", config.toString(), registry.host());
      assertThat(logout.assertSuccess().stdout())
          .isEqualTo("Removing login credentials for " + registry.host() + "\n");
      assertThat(Files.readString(config.resolve("config.json"))).doesNotContain(registry.host());

      CliRun again = CliRun.of("logout", "--config", config.toString(), registry.host());
      assertThat(again.assertSuccess().stdout())
          .isEqualTo("Not logged in to " + registry.host() + "\n");
    }
  }

  @Test
  void login_wrongPassword_failsInOneLineAndWritesNothing() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", PASSWORD).start()) {
      CliRun login = loginAsAlice(registry, PASSWORD + "-wrong");

      assertThat(login.exitCode()).isEqualTo(1);
      assertThat(login.stderr().lines()).hasSize(1);
      assertThat(login.stdout()).isEmpty();
      assertThat(login.stdout() + login.stderr()).doesNotContain(PASSWORD);
      assertThat(config.resolve("config.json")).doesNotExist();
    }
  }

  @Test
  void login_badCombinations_areUsageErrors() {
    assertThat(CliRun.withInput(PASSWORD, "login", "--password-stdin", "localhost:5000").exitCode())
        .isEqualTo(2);
    CliRun noTerminal =
        CliRun.of("login", "--username", "alice", "--config", config.toString(), "localhost:5000");
    assertThat(noTerminal.exitCode()).isEqualTo(2);
    assertThat(noTerminal.stderr()).contains("--password-stdin");
    assertThat(
            CliRun.withInput(
                    "\n",
                    "login",
                    "--username",
                    "alice",
                    "--password-stdin",
                    "--config",
                    config.toString(),
                    "localhost:5000")
                .exitCode())
        .isEqualTo(2);
    assertThat(CliRun.of("login", "--creds", "alice:" + PASSWORD, "localhost:5000").stderr())
        .doesNotContain(PASSWORD);
    assertThat(config.resolve("config.json")).doesNotExist();
  }

  @Test
  void login_realDistribution_skopeoUsesTheStoredCredentials() throws Exception {
    Peers.requireDistribution();
    Peers.requireSkopeo();
    PeerCredentials alice = PeerCredentials.of("alice", PASSWORD);
    try (DistributionRegistry registry = DistributionRegistry.builder().basicAuth(alice).start()) {
      GeneratedImage image = RandomImages.image(41, 1, 256);
      Path layout = image.writeOciLayout(config.resolve("layout"), "v1");
      Skopeo skopeo = Skopeo.create();
      skopeo.copy(
          "oci:" + layout + ":v1",
          registry.dockerReference("cli/login:v1"),
          SkopeoAccess.local(),
          SkopeoAccess.plainHttp().withCredentials(alice),
          "--preserve-digests");

      CliRun login =
          CliRun.withInput(
              PASSWORD + "\r\n",
              "login",
              "--insecure",
              "--config",
              config.toString(),
              "--username",
              "alice",
              "--password-stdin",
              registry.hostPort());
      assertThat(login.assertSuccess().stdout()).isEqualTo("Login Succeeded\n");

      List<String> inspect =
          List.of(
              "inspect",
              "--tls-verify=false",
              "--authfile",
              config.resolve("config.json").toString(),
              registry.dockerReference("cli/login:v1"));
      assertThat(skopeo.runChecked(inspect, Set.of(PASSWORD)).stdout())
          .contains(image.digest().toString());

      CliRun logout = CliRun.of("logout", "--config", config.toString(), registry.hostPort());
      assertThat(logout.assertSuccess().stdout()).startsWith("Removing login credentials");
      assertThat(skopeo.run(inspect, Set.of(PASSWORD)).succeeded()).isFalse();
    }
  }

  /** {@code registrykit login --insecure --config … --username alice --password-stdin HOST}. */
  private CliRun loginAsAlice(FakeRegistry registry, String stdin) throws Exception {
    return CliRun.withInput(
        stdin,
        "login",
        "--insecure",
        "--config",
        config.toString(),
        "--username",
        "alice",
        "--password-stdin",
        registry.host());
  }
}
