package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.RandomImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failure messages of the command name its options, never the Java builder calls the library
 * suggests.
 */
@Timeout(60)
class CliHintsTest {

  @Test
  void unauthorized_namesCredsAndLogin() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.BASIC).user("alice", "secret-1").start()) {
      RandomImages.image(21, 1, 256).pushTo(registry, "figlet", "latest");

      CliRun run = CliRun.of("digest", "--insecure", registry.host() + "/figlet");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr())
          .contains("--creds USER:PASS")
          .contains("registrykit login")
          .doesNotContain("builder()")
          .doesNotContain("CredentialProvider");
    }
  }

  @Test
  void untrustedCertificate_namesCertDirAndNoJava() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().tls(true).start()) {
      RandomImages.image(22, 1, 256).pushTo(registry, "figlet", "latest");

      CliRun run = CliRun.of("digest", registry.host() + "/figlet");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr())
          .contains("--cert-dir")
          .contains("--insecure (for " + registry.host() + ")")
          .doesNotContain("builder()")
          .doesNotContain("ApacheHttpTransport");
    }
  }

  @Test
  void forCommandLine_plainHttpHints_becomeInsecure() {
    String library =
        "refusing to send credentials for vm:5101 over plain HTTP to a non-loopback host; use HTTPS, or, only on a"
            + " trusted network, allow it: RegistryClient.builder().plainHttp(Registry.parse(\"vm:5101\")).credentialsOverPlainHttp(true)";

    assertThat(CliHints.forCommandLine(library)).endsWith("allow it: --insecure (for vm:5101)");
  }

  @Test
  void forCommandLine_credentialsHint_becomesCredsOrLogin() {
    String library =
        "unauthorized: the registry r.example wants credentials for pulling a/b; configure them with"
            + " RegistryClient.builder().credentials(…) or `docker login r.example`";

    assertThat(CliHints.forCommandLine(library))
        .endsWith("; pass --creds USER:PASS or run `registrykit login r.example`");
  }

  @Test
  void forCommandLine_listingLimit_dropsTheBuilderName() {
    assertThat(
            CliHints.forCommandLine(
                "GET tags a/b: the listing exceeds 5 entries (RegistryClient.Builder.maxListingEntries); read it"))
        .isEqualTo("GET tags a/b: the listing exceeds 5 entries; read it");
  }
}
