package dev.registrykit.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A certificate authority generated for one test run, and a server certificate it signed for {@code
 * 127.0.0.1} and {@code localhost}, written as PEM files.
 *
 * <p>Files, all under the directory given to {@link #generate(Path)}:
 *
 * <ul>
 *   <li>{@link #caCertificatePem()}: the CA certificate, for clients that take a PEM file;
 *   <li>{@link #certDirectory()}: a directory holding only {@code ca.crt}, for skopeo's {@code
 *       --cert-dir} (a {@code .key} beside it would make skopeo look for a client certificate);
 *   <li>{@link #serverCertificatePem()} and {@link #serverPrivateKeyPem()} (PKCS#8): for the
 *       server, e.g. Distribution's {@code http.tls}.
 * </ul>
 *
 * <p>Immutable and thread-safe. The keys exist only for the run; nothing is trusted beyond the
 * {@link SSLContext} and trust manager handed out here.
 */
public final class PeerTls {

  private static final Duration VALIDITY = Duration.ofDays(1);

  private final Path caCertificatePem;
  private final Path certDirectory;
  private final Path serverCertificatePem;
  private final Path serverPrivateKeyPem;
  private final HandshakeCertificates clientCertificates;
  private final HandshakeCertificates serverCertificates;

  private PeerTls(
      Path caCertificatePem,
      Path certDirectory,
      Path serverCertificatePem,
      Path serverPrivateKeyPem,
      HandshakeCertificates clientCertificates,
      HandshakeCertificates serverCertificates) {
    this.caCertificatePem = caCertificatePem;
    this.certDirectory = certDirectory;
    this.serverCertificatePem = serverCertificatePem;
    this.serverPrivateKeyPem = serverPrivateKeyPem;
    this.clientCertificates = clientCertificates;
    this.serverCertificates = serverCertificates;
  }

  /**
   * Generates a CA and a server certificate (ECDSA P-256, valid one day) and writes their PEM files
   * under {@code directory}, which is created if needed.
   *
   * @param directory where to write the files
   * @return the material
   * @throws IOException if a file cannot be written
   */
  public static PeerTls generate(Path directory) throws IOException {
    long validityMillis = TimeUnit.DAYS.toMillis(VALIDITY.toDays());
    long now = System.currentTimeMillis();
    HeldCertificate ca =
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("RegistryKit test CA")
            .validityInterval(now - 60_000, now + validityMillis)
            .build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("localhost")
            .validityInterval(now - 60_000, now + validityMillis)
            .signedBy(ca)
            .build();
    Files.createDirectories(directory);
    Path certDirectory = Files.createDirectories(directory.resolve("cert-dir"));
    Path caPem = write(directory.resolve("ca.pem"), ca.certificatePem());
    write(certDirectory.resolve("ca.crt"), ca.certificatePem());
    Path serverPem = write(directory.resolve("server.crt"), server.certificatePem());
    Path serverKey = write(directory.resolve("server.key"), server.privateKeyPkcs8Pem());
    HandshakeCertificates client =
        new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    HandshakeCertificates serverSide =
        new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    return new PeerTls(caPem, certDirectory, serverPem, serverKey, client, serverSide);
  }

  private static Path write(Path path, String pem) throws IOException {
    return Files.writeString(path, pem, StandardCharsets.US_ASCII);
  }

  /**
   * The CA certificate as a PEM file.
   *
   * @return its path
   */
  public Path caCertificatePem() {
    return caCertificatePem;
  }

  /**
   * A directory holding only the CA certificate as {@code ca.crt}: skopeo's {@code --cert-dir}.
   *
   * @return its path
   */
  public Path certDirectory() {
    return certDirectory;
  }

  /**
   * The server certificate (leaf only) as a PEM file.
   *
   * @return its path
   */
  public Path serverCertificatePem() {
    return serverCertificatePem;
  }

  /**
   * The server's private key as a PKCS#8 PEM file.
   *
   * @return its path
   */
  public Path serverPrivateKeyPem() {
    return serverPrivateKeyPem;
  }

  /**
   * An {@link SSLContext} for Java clients that trusts the generated CA only.
   *
   * @return the context
   */
  public SSLContext clientSslContext() {
    return clientCertificates.sslContext();
  }

  /**
   * A trust manager that trusts the generated CA only (e.g. for OkHttp or Apache HttpClient).
   *
   * @return the trust manager
   */
  public X509TrustManager trustManager() {
    return clientCertificates.trustManager();
  }

  /**
   * An {@link SSLContext} presenting the server certificate, for a Java server (e.g. the fake
   * registry) that should be reached the same way as the real one.
   *
   * @return the context
   */
  public SSLContext serverSslContext() {
    return serverCertificates.sslContext();
  }

  @Override
  public String toString() {
    return "PeerTls[ca=" + caCertificatePem + "]";
  }
}
