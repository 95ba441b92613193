package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} between two registries, each side reached its own way: per-side credentials that
 * never reach the other registry, per-side TLS settings, and {@code --creds} refused where it would
 * be ambiguous.
 */
@Timeout(120)
class CopySidesTest {
  private static final String SOURCE_PASSWORD = "source-secret-17";
  private static final String TARGET_PASSWORD = "target-secret-29";

  @Test
  void srcAndDestCreds_twoAuthenticatedRegistries_eachPasswordReachesItsOwnRegistryOnly()
      throws Exception {
    try (FakeRegistry source =
            FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", SOURCE_PASSWORD).start();
        FakeRegistry target =
            FakeRegistry.builder().auth(AuthMode.BASIC).user("bob", TARGET_PASSWORD).start()) {
      GeneratedImage image = RandomImages.image(11, 2, 256);
      image.pushTo(source, "figlet", "latest");
      source.clearRequests();

      CliRun run =
          CliRun.of(
              "copy",
              "--insecure",
              "--src-creds",
              "alice:" + SOURCE_PASSWORD,
              "--dest-creds=bob:" + TARGET_PASSWORD,
              source.host() + "/figlet",
              target.host() + "/figlet:copied");

      assertThat(run.assertSuccess().stdout()).contains("copied: digest: " + image.digest());
      assertThat(run.stdout() + run.stderr())
          .doesNotContain(SOURCE_PASSWORD)
          .doesNotContain(TARGET_PASSWORD);
      // Each fake knows one user and refuses any other password with 401 (the journal redacts the
      // header itself): every authorized request accepted means each side got its own password.
      assertThat(source.requests())
          .filteredOn(RecordedExchange::hasAuthorization)
          .isNotEmpty()
          .allMatch(r -> r.status() != 401);
      assertThat(target.requests())
          .filteredOn(RecordedExchange::hasAuthorization)
          .isNotEmpty()
          .allMatch(r -> r.status() != 401);
    }
  }

  @Test
  void creds_copyBetweenTwoRegistries_refusedNamingThePerSideOptions() throws Exception {
    try (FakeRegistry source = FakeRegistry.builder().start();
        FakeRegistry target =
            FakeRegistry.builder().auth(AuthMode.BASIC).user("bob", TARGET_PASSWORD).start()) {
      RandomImages.image(12, 1, 256).pushTo(source, "figlet", "latest");

      CliRun run =
          CliRun.of(
              "copy",
              "--insecure",
              "--creds",
              "bob:" + TARGET_PASSWORD,
              source.host() + "/figlet",
              target.host() + "/figlet");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.stderr())
          .contains("--creds is ambiguous")
          .contains("--src-creds")
          .contains("--dest-creds")
          .doesNotContain(TARGET_PASSWORD);
      assertThat(source.requests()).filteredOn(RecordedExchange::hasAuthorization).isEmpty();
      assertThat(target.requests()).isEmpty();
    }
  }

  @Test
  void creds_copyWithinOneRegistry_appliesToIt() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", SOURCE_PASSWORD).start()) {
      GeneratedImage image = RandomImages.image(13, 1, 256);
      image.pushTo(registry, "figlet", "latest");

      CliRun run =
          CliRun.of(
              "copy",
              "--insecure",
              "--creds",
              "alice:" + SOURCE_PASSWORD,
              registry.host() + "/figlet",
              registry.host() + "/other:v1");

      assertThat(run.assertSuccess().stdout()).contains("v1: digest: " + image.digest());
    }
  }

  @Test
  void destTlsVerifyFalse_httpsDestinationWithPrivateCa_onlyThatSideUnverified() throws Exception {
    try (FakeRegistry source = FakeRegistry.builder().tls(true).start();
        FakeRegistry target = FakeRegistry.builder().tls(true).start()) {
      GeneratedImage image = RandomImages.image(14, 1, 256);
      image.pushTo(source, "figlet", "latest");
      String from = source.host() + "/figlet";
      String to = target.host() + "/figlet:copied";

      CliRun verified = CliRun.of("copy", from, to);
      CliRun destOnly = CliRun.of("copy", "--dest-tls-verify=false", from, to);
      CliRun both =
          CliRun.of("copy", "--src-tls-verify=false", "--dest-tls-verify", "false", from, to);

      assertThat(verified.exitCode()).isEqualTo(1);
      // The source is still verified: its private CA is unknown.
      assertThat(destOnly.exitCode()).isEqualTo(1);
      assertThat(destOnly.stderr()).contains(source.host());
      assertThat(both.assertSuccess().stdout()).contains("copied: digest: " + image.digest());
    }
  }

  @Test
  void srcCertDir_trustsTheSourceCaOnly(@TempDir Path sourceCerts) throws Exception {
    try (FakeRegistry source = FakeRegistry.builder().tls(true).start();
        FakeRegistry target = FakeRegistry.builder().tls(true).start()) {
      GeneratedImage image = RandomImages.image(15, 1, 256);
      image.pushTo(source, "figlet", "latest");
      source.writeCaCertificate(sourceCerts);
      String from = source.host() + "/figlet";
      String to = target.host() + "/figlet:copied";

      CliRun sourceTrusted =
          CliRun.of(
              "copy",
              "--src-cert-dir",
              sourceCerts.toString(),
              "--dest-tls-verify=false",
              from,
              to);
      CliRun targetNotTrusted =
          CliRun.of("copy", "--src-cert-dir", sourceCerts.toString(), from, to);

      assertThat(sourceTrusted.assertSuccess().stdout())
          .contains("copied: digest: " + image.digest());
      assertThat(targetNotTrusted.exitCode()).isEqualTo(1);
      assertThat(targetNotTrusted.stderr()).contains(target.host());
    }
  }

  @Test
  void tlsVerify_notABoolean_usageError() {
    CliRun run =
        CliRun.of("copy", "--src-tls-verify=maybe", "localhost:5000/a", "localhost:5001/b");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("--src-tls-verify must be true or false");
  }
}
