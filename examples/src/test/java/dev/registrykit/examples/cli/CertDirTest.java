package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cert-dir}: an HTTPS registry with a private CA (*.crt) and one that wants a client
 * certificate.
 */
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
  void certDir_clientCertificate_presentedToARegistryThatDemandsOne(@TempDir Path certs)
      throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    HeldCertificate client =
        new HeldCertificate.Builder().commonName("cli-client").signedBy(ca).build();
    String digest = "sha256:" + "ab".repeat(32);
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(
          new HandshakeCertificates.Builder()
              .heldCertificate(serverCert)
              .addTrustedCertificate(ca.certificate())
              .build()
              .sslSocketFactory());
      server.requireClientAuth();
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              MockResponse.Builder answer =
                  new MockResponse.Builder()
                      .setHeader("Docker-Distribution-API-Version", "registry/2.0");
              if (!"HEAD".equals(request.getMethod())) {
                return answer.body("{}").build(); // GET /v2/
              }
              return answer
                  .setHeader("Docker-Content-Digest", digest)
                  .setHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                  .setHeader("Content-Length", "2")
                  .build();
            }
          });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      Files.writeString(certs.resolve("ca.crt"), ca.certificatePem());
      Files.writeString(certs.resolve("client.cert"), client.certificatePem());
      Files.writeString(certs.resolve("client.key"), client.privateKeyPkcs8Pem());

      CliRun run =
          CliRun.of(
              "digest",
              "--cert-dir",
              certs.toString(),
              "localhost:" + server.getPort() + "/figlet");

      assertThat(run.assertSuccess().stdout().strip()).isEqualTo(digest);
      assertThat(server.takeRequest().getHandshake().peerPrincipal().getName())
          .contains("cli-client");
    }
  }

  @Test
  void certDir_certificateWithoutKey_usageError(@TempDir Path certs) throws Exception {
    Files.writeString(certs.resolve("client.cert"), "x");

    CliRun run = CliRun.of("digest", "--cert-dir", certs.toString(), "localhost:1/figlet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("client.cert without its key client.key");
  }

  @Test
  void certDir_withoutCertificates_usageError(@TempDir Path empty) throws Exception {
    Files.writeString(empty.resolve("ca.key"), "not a certificate");

    CliRun run = CliRun.of("digest", "--cert-dir", empty.toString(), "localhost:1/figlet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("no *.crt or *.cert");
  }
}
