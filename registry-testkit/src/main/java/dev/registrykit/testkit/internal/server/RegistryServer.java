package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;

/**
 * The running fake registry: a mockwebserver3 server with the registry dispatcher, a second server
 * for redirected blob downloads, storage, faults and journals. Not a supported API; use {@code
 * FakeRegistry}.
 *
 * <p>Thread-safe.
 */
public final class RegistryServer implements AutoCloseable {
  private final ServerSettings settings;
  private final RegistryStorage storage = new RegistryStorage();
  private final FaultPlan faults = new FaultPlan();
  private final MockWebServer server = new MockWebServer();
  private final MockWebServer blobServer = new MockWebServer();
  private final Authorizer authorizer;
  private final RegistryDispatcher dispatcher;
  private final BlobRedirectDispatcher blobDispatcher;
  private final @Nullable HeldCertificate ca;
  private final @Nullable HandshakeCertificates clientCertificates;
  private volatile @Nullable URI baseUri;
  private volatile @Nullable URI blobBaseUri;

  private RegistryServer(ServerSettings settings) {
    this.settings = settings;
    this.authorizer = new Authorizer(settings, () -> baseUri() + "/token");
    this.dispatcher = new RegistryDispatcher(settings, storage, authorizer, faults, this::redirectTarget, this::drainRecordedRequests);
    this.blobDispatcher = new BlobRedirectDispatcher(storage);
    settings.faults().forEach(faults::add);
    if (settings.tls()) {
      ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("RegistryKit fake registry CA").build();
      HeldCertificate.Builder leaf =
          new HeldCertificate.Builder()
              .signedBy(ca)
              .commonName(settings.hostName())
              .addSubjectAlternativeName("localhost")
              .addSubjectAlternativeName("127.0.0.1")
              .addSubjectAlternativeName("::1");
      leaf.addSubjectAlternativeName(settings.hostName());
      HeldCertificate serverCertificate = leaf.build();
      HandshakeCertificates serverCertificates =
          new HandshakeCertificates.Builder().heldCertificate(serverCertificate, ca.certificate()).build();
      server.useHttps(serverCertificates.sslSocketFactory());
      blobServer.useHttps(serverCertificates.sslSocketFactory());
      clientCertificates = new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    } else {
      ca = null;
      clientCertificates = null;
      // Clients that try HTTPS first must fail fast, not wait for a line end (see PlainHttpSockets).
      server.setServerSocketFactory(new PlainHttpSockets());
      blobServer.setServerSocketFactory(new PlainHttpSockets());
    }
    server.setDispatcher(dispatcher);
    blobServer.setDispatcher(blobDispatcher);
  }

  /**
   * Starts a server.
   *
   * @param settings the configuration
   * @return the running server
   * @throws IOException if a socket cannot be bound
   */
  public static RegistryServer start(ServerSettings settings) throws IOException {
    RegistryServer s = new RegistryServer(settings);
    try {
      s.server.start(settings.address(), settings.port());
      s.blobServer.start(settings.address(), 0);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
    String scheme = settings.tls() ? "https" : "http";
    s.baseUri = URI.create(scheme + "://" + hostLiteral(settings.hostName()) + ":" + s.server.getPort());
    // Another host name than the registry's, so that clients must treat it as a different host.
    String otherHost = settings.hostName().equals("127.0.0.1") ? "localhost" : "127.0.0.1";
    if (settings.address() instanceof Inet6Address) {
      otherHost = "[::1]";
    }
    s.blobBaseUri = URI.create(scheme + "://" + otherHost + ":" + s.blobServer.getPort());
    return s;
  }

  /**
   * MockWebServer queues every {@code RecordedRequest} (with its body) for {@code takeRequest()},
   * which the fake never calls: drop them, or a long-running registry would keep every upload twice.
   */
  private void drainRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped
      }
      while (blobServer.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String hostLiteral(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private String redirectTarget(Digest digest) {
    return blobBaseUri() + "/blobs/" + digest + "?X-Fake-Signature=unsigned";
  }

  /**
   * The base URI, e.g. {@code http://localhost:41234}.
   *
   * @return the URI
   */
  public URI baseUri() {
    URI u = baseUri;
    if (u == null) {
      throw new IllegalStateException("not started");
    }
    return u;
  }

  /**
   * The base URI of the second (redirect target) server.
   *
   * @return the URI
   */
  public URI blobBaseUri() {
    URI u = blobBaseUri;
    if (u == null) {
      throw new IllegalStateException("not started");
    }
    return u;
  }

  /**
   * The port the registry listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getPort();
  }

  /**
   * The settings it runs with.
   *
   * @return the settings
   */
  public ServerSettings settings() {
    return settings;
  }

  /**
   * The storage.
   *
   * @return the storage
   */
  public RegistryStorage storage() {
    return storage;
  }

  /**
   * Adds a fault.
   *
   * @param fault the fault
   */
  public void inject(Fault fault) {
    faults.add(fault);
  }

  /**
   * The faults with uses left.
   *
   * @return faults
   */
  public List<Fault> pendingFaults() {
    return faults.pending();
  }

  /**
   * The registry's journal.
   *
   * @return exchanges in arrival order
   */
  public List<RecordedExchange> journal() {
    return dispatcher.journal();
  }

  /**
   * The second server's journal.
   *
   * @return exchanges in arrival order
   */
  public List<RecordedExchange> blobServerJournal() {
    return blobDispatcher.journal();
  }

  /** Clears both journals. */
  public void clearJournal() {
    dispatcher.clearJournal();
    blobDispatcher.clearJournal();
  }

  /** Drops all content, tokens, injected faults and journal entries; re-adds the configured faults. */
  public void reset() {
    storage.clear();
    faults.clear();
    settings.faults().forEach(faults::add);
    authorizer.reset();
    clearJournal();
    drainRecordedRequests();
  }

  /**
   * An SSL context trusting the generated CA (HTTPS mode).
   *
   * @return the context
   */
  public Optional<SSLContext> sslContext() {
    return Optional.ofNullable(clientCertificates).map(HandshakeCertificates::sslContext);
  }

  /**
   * A trust manager trusting the generated CA (HTTPS mode).
   *
   * @return the trust manager
   */
  public Optional<X509TrustManager> trustManager() {
    return Optional.ofNullable(clientCertificates).map(HandshakeCertificates::trustManager);
  }

  /**
   * The generated CA certificate in PEM (HTTPS mode).
   *
   * @return the PEM text
   */
  public Optional<String> caCertificatePem() {
    return Optional.ofNullable(ca).map(HeldCertificate::certificatePem);
  }

  /** Stops both servers. */
  @Override
  public void close() {
    try {
      server.close();
    } finally {
      blobServer.close();
    }
  }
}
