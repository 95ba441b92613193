package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cert-dir}: an HTTPS registry with a private CA, trusted from a directory of *.crt. */
@Timeout(60)
class CertDirTest {

  @Test
  void certDir_httpsFakeWithPrivateCa_trusted(@TempDir Path certs) throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().tls(true).start()) {
      GeneratedImage image = RandomImages.image(7, 1, 512);
      image.pushTo(registry, "figlet", "latest");
      registry.writeCaCertificate(certs);

      CliRun run = CliRun.of("digest", "--cert-dir", certs.toString(), registry.host() + "/figlet");

      assertThat(run.assertSuccess().stdout().strip()).isEqualTo(image.digest().toString());
    }
  }

  @Test
  void insecure_httpsFakeWithPrivateCa_noVerification() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().tls(true).start()) {
      GeneratedImage image = RandomImages.image(8, 1, 512);
      image.pushTo(registry, "figlet", "latest");

      CliRun run = CliRun.of("digest", "--insecure", registry.host() + "/figlet");

      assertThat(run.assertSuccess().stdout().strip()).isEqualTo(image.digest().toString());
    }
  }

  @Test
  void certDir_missing_httpsFailsWithOneLine() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().tls(true).start()) {
      CliRun run = CliRun.of("digest", registry.host() + "/figlet");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr().lines()).hasSize(1);
    }
  }

  @Test
  void certDir_withoutCertificates_usageError(@TempDir Path empty) throws Exception {
    Files.writeString(empty.resolve("ca.key"), "not a certificate");

    CliRun run = CliRun.of("digest", "--cert-dir", empty.toString(), "localhost:1/figlet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("no *.crt");
  }
}
