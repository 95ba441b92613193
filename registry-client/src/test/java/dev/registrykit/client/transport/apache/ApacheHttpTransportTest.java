package dev.registrykit.client.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApacheHttpTransportTest {
  private final MockWebServer server = new MockWebServer();
  private ApacheHttpTransport transport;

  @AfterEach
  void tearDown() throws IOException {
    if (transport != null) {
      transport.close();
    }
    server.close();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  private static String read(HttpResponse response) throws IOException {
    try (response) {
      return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void send_twoRequests_reuseOneConnection() throws IOException, InterruptedException {
    server.enqueue(new MockResponse.Builder().body("a").build());
    server.enqueue(new MockResponse.Builder().body("b").build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();

    assertThat(read(transport.send(HttpRequest.of("GET", url("/a"), HttpHeaders.empty()))))
        .isEqualTo("a");
    assertThat(read(transport.send(HttpRequest.of("GET", url("/b"), HttpHeaders.empty()))))
        .isEqualTo("b");

    RecordedRequest first = server.takeRequest();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getConnectionIndex()).isEqualTo(first.getConnectionIndex());
  }

  @Test
  void send_redirectGzipAndCookie_areReturnedUntouched() throws IOException, InterruptedException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("layer".getBytes(StandardCharsets.UTF_8));
    }
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "/elsewhere")
            .addHeader("Set-Cookie", "s=1")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Encoding", "gzip")
            .body(new Buffer().write(gz.toByteArray()))
            .build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();

    HttpResponse redirect =
        transport.send(HttpRequest.of("GET", url("/blob"), HttpHeaders.empty()));
    assertThat(redirect.status()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location")).contains("/elsewhere");
    redirect.close();
    try (HttpResponse compressed =
        transport.send(HttpRequest.of("GET", url("/blob2"), HttpHeaders.empty()))) {
      assertThat(compressed.body().readAllBytes()).isEqualTo(gz.toByteArray());
    }

    assertThat(server.takeRequest().getHeaders().get("Accept-Encoding")).isNull();
    RecordedRequest second = server.takeRequest();
    assertThat(second.getTarget()).isEqualTo("/blob2");
    assertThat(second.getHeaders().get("Cookie")).isNull();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void send_unknownLengthBody_streamsChunked() throws IOException, InterruptedException {
    server.enqueue(new MockResponse.Builder().code(202).build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();
    RequestBody streamed =
        new RequestBody() {
          @Override
          public String contentType() {
            return "application/octet-stream";
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void writeTo(OutputStream out) throws IOException {
            for (int i = 0; i < 3; i++) {
              out.write(new byte[10_000]);
              out.flush();
            }
          }

          @Override
          public boolean isRepeatable() {
            return false;
          }
        };

    transport
        .send(
            HttpRequest.of(
                "PATCH",
                url("/v2/a/blobs/uploads/1"),
                HttpHeaders.of("Content-Length", "5"),
                streamed))
        .close();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
    assertThat(request.getBodySize()).isEqualTo(30_000);
    assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
  }

  @Test
  void send_knownLengthFileBody_sendsContentLength(@TempDir Path dir)
      throws IOException, InterruptedException {
    server.enqueue(new MockResponse.Builder().code(201).build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();
    Path file = Files.write(dir.resolve("blob"), "0123456789".getBytes(StandardCharsets.UTF_8));

    transport
        .send(
            HttpRequest.of(
                "PUT",
                url("/up"),
                HttpHeaders.empty(),
                RequestBody.ofFile(file, 2, 5, "application/octet-stream")))
        .close();

    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("Content-Length")).isEqualTo("5");
    assertThat(request.getBody().utf8()).isEqualTo("23456");
  }

  @Test
  void proxy_explicit_receivesAbsoluteRequestLine() throws IOException, InterruptedException {
    server.enqueue(new MockResponse.Builder().body("via proxy").build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport =
        ApacheHttpTransport.builder()
            .proxy(URI.create("http://127.0.0.1:" + server.getPort()))
            .build();

    assertThat(
            read(
                transport.send(
                    HttpRequest.of(
                        "GET",
                        URI.create("http://registry.invalid:5000/v2/"),
                        HttpHeaders.empty()))))
        .isEqualTo("via proxy");

    assertThat(server.takeRequest().getRequestLine())
        .startsWith("GET http://registry.invalid:5000/v2/");
  }

  @Test
  void tls_clientCertificateFromPem_isPresented(@TempDir Path dir)
      throws IOException, InterruptedException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    HeldCertificate clientCert =
        new HeldCertificate.Builder().commonName("registrykit-client").signedBy(ca).build();
    server.useHttps(
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCert)
            .addTrustedCertificate(ca.certificate())
            .build()
            .sslSocketFactory());
    server.requireClientAuth();
    server.enqueue(new MockResponse.Builder().body("mtls").build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Path certPem = Files.writeString(dir.resolve("client.cert"), clientCert.certificatePem());
    Path keyPem = Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());
    transport =
        ApacheHttpTransport.builder()
            .trustedCertificates(caPem)
            .clientCertificate(certPem, keyPem)
            .build();

    assertThat(
            read(
                transport.send(
                    HttpRequest.of(
                        "GET",
                        URI.create("https://localhost:" + server.getPort() + "/v2/"),
                        HttpHeaders.empty()))))
        .isEqualTo("mtls");
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName())
        .contains("registrykit-client");
  }

  /**
   * Serves HTTPS with a certificate for {@code registry.example} from a new CA, which it returns;
   * reached as {@link #localhost()}, the certificate names another host.
   */
  private HeldCertificate serveForRegistryExample() throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder()
            .addSubjectAlternativeName("registry.example")
            .signedBy(ca)
            .build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(serverCert).build().sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return ca;
  }

  private URI localhost() {
    return URI.create("https://localhost:" + server.getPort() + "/v2/");
  }

  @Test
  void tls_hostnameMismatch_isRejected(@TempDir Path dir) throws IOException {
    HeldCertificate ca = serveForRegistryExample();
    Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    transport = ApacheHttpTransport.builder().trustedCertificates(caPem).build();

    assertThatThrownBy(
            () -> transport.send(HttpRequest.of("GET", localhost(), HttpHeaders.empty())))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void sendUnverified_acceptsAnUnknownCaAndAnotherHostName() throws IOException {
    serveForRegistryExample();
    URI uri = localhost();
    server.enqueue(new MockResponse.Builder().body("a").build());
    server.enqueue(new MockResponse.Builder().body("b").build());
    transport = ApacheHttpTransport.create();

    assertThat(read(transport.sendUnverified(HttpRequest.of("GET", uri, HttpHeaders.empty()))))
        .isEqualTo("a");
    assertThat(read(transport.sendUnverified(HttpRequest.of("GET", uri, HttpHeaders.empty()))))
        .isEqualTo("b");
  }

  @Test
  void send_afterSendUnverified_neverReusesTheUnverifiedConnection() throws IOException {
    serveForRegistryExample();
    URI uri = localhost();
    server.enqueue(new MockResponse.Builder().body("unverified").build());
    transport = ApacheHttpTransport.create();
    assertThat(read(transport.sendUnverified(HttpRequest.of("GET", uri, HttpHeaders.empty()))))
        .isEqualTo("unverified");

    // The pooled connection is kept apart: a verified request makes its own, which fails.
    assertThatThrownBy(() -> transport.send(HttpRequest.of("GET", uri, HttpHeaders.empty())))
        .isInstanceOf(SSLException.class);
  }

  @Test
  void build_defaultTrust_setsUpTlsOnlyOnFirstHttpsConnection() throws IOException {
    server.enqueue(new MockResponse.Builder().body("plain").build());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();

    assertThat(read(transport.send(HttpRequest.of("GET", url("/v2/"), HttpHeaders.empty()))))
        .isEqualTo("plain");

    assertThat(transport.tlsStrategy()).isInstanceOf(ApacheHttpTransport.LazyTlsStrategy.class);
    assertThat(((ApacheHttpTransport.LazyTlsStrategy) transport.tlsStrategy()).initialized())
        .isFalse();
  }

  @Test
  void tls_defaultTrustSetUpLazily_stillRejectsUntrustedServer() throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate serverCert =
        new HeldCertificate.Builder().addSubjectAlternativeName("localhost").signedBy(ca).build();
    server.useHttps(
        new HandshakeCertificates.Builder().heldCertificate(serverCert).build().sslSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    transport = ApacheHttpTransport.create();

    assertThatThrownBy(
            () ->
                transport.send(
                    HttpRequest.of(
                        "GET",
                        URI.create("https://localhost:" + server.getPort() + "/v2/"),
                        HttpHeaders.empty())))
        .isInstanceOf(SSLException.class);
    assertThat(((ApacheHttpTransport.LazyTlsStrategy) transport.tlsStrategy()).initialized())
        .isTrue();
  }

  @Test
  void build_badTrustedCertificate_failsAtBuildNotAtFirstRequest(@TempDir Path dir)
      throws IOException {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");

    assertThatThrownBy(() -> ApacheHttpTransport.builder().trustedCertificates(notPem).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot set up TLS");
  }
}
