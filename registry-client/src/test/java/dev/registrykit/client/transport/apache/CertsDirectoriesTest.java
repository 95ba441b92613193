package dev.registrykit.client.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker's {@code certs.d/HOST:PORT} layout: CAs and a client certificate for one registry only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertsDirectoriesTest {
  private final MockWebServer server = new MockWebServer();
  private final HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
  private final HeldCertificate clientCert =
      new HeldCertificate.Builder().commonName("registrykit-client").signedBy(ca).build();
  private ApacheHttpTransport transport;

  @TempDir Path certsD;

  @BeforeEach
  void startMutualTlsServer() throws IOException {
    HeldCertificate serverCert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCert)
            .addTrustedCertificate(ca.certificate())
            .build()
            .sslSocketFactory());
    server.requireClientAuth();
    server.enqueue(new MockResponse.Builder().body("mtls").build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (transport != null) {
      transport.close();
    }
    server.close();
  }

  private Path hostDir(String name) throws IOException {
    return Files.createDirectories(certsD.resolve(name));
  }

  private String get() throws IOException {
    try (HttpResponse response =
        transport.send(
            HttpRequest.of(
                "GET",
                URI.create("https://localhost:" + server.getPort() + "/v2/"),
                HttpHeaders.empty()))) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void hostPortDirectory_caAndClientCertificate_used() throws IOException, InterruptedException {
    Path dir = hostDir("localhost:" + server.getPort());
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    Files.writeString(dir.resolve("client.cert"), clientCert.certificatePem());
    Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());
    transport =
        ApacheHttpTransport.builder().certsDirectories(certsD.resolve("absent"), certsD).build();

    assertThat(get()).isEqualTo("mtls");
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName())
        .contains("registrykit-client");
  }

  @Test
  void directoryOfAnotherPort_notUsed() throws IOException {
    Path dir = hostDir("localhost:" + (server.getPort() == 1 ? 2 : server.getPort() - 1));
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    transport = ApacheHttpTransport.builder().certsDirectories(certsD).build();

    assertThatThrownBy(this::get).isInstanceOf(SSLException.class);
  }

  @Test
  void caOnly_serverDemandsAClientCertificate_handshakeFails() throws IOException {
    Files.writeString(
        hostDir("localhost:" + server.getPort()).resolve("ca.crt"), ca.certificatePem());
    transport = ApacheHttpTransport.builder().certsDirectories(certsD).build();

    assertThatThrownBy(this::get).isInstanceOf(IOException.class);
  }

  @Test
  void certificateWithoutKey_failsNamingTheFile() throws IOException {
    Path dir = hostDir("localhost:" + server.getPort());
    Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    Files.writeString(dir.resolve("client.cert"), clientCert.certificatePem());
    transport = ApacheHttpTransport.builder().certsDirectories(certsD).build();

    assertThatThrownBy(this::get)
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("missing key client.key");
  }
}
