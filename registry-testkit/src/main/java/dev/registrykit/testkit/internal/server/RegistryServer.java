package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The running fake registry: a Jetty server with two connectors, the registry's and a second one
 * for redirected blob downloads (on another host name), storage, faults and journals. Not a
 * supported API; use {@code FakeRegistry}.
 *
 * <p>Jetty because it streams request and response bodies over plain HTTP and TLS alike, sets
 * {@code TCP_NODELAY} on every connection, sends {@code 100 Continue} only when a handler starts
 * reading a body, and answers a TLS handshake sent to a plain-HTTP port with an immediate {@code
 * 400} (its parser rejects the first byte), so clients that try HTTPS first fall back at once. The
 * JDK's {@code com.sun.net.httpserver} waits for a CR LF that a ClientHello almost never holds.
 *
 * <p>Thread-safe.
 */
public final class RegistryServer implements AutoCloseable {
  /** The most requests served at once; more wait for a thread. */
  private static final int MAX_THREADS = 400;

  /** Bytes read from a connection at once (see {@link #connector}). */
  private static final int INPUT_BUFFER = 64 * 1024;

  private final ServerSettings settings;
  private final RegistryStorage storage;
  private final FaultPlan faults = new FaultPlan();
  private final Authorizer authorizer;
  private final RegistryDispatcher dispatcher;
  private final BlobRedirectHandler blobHandler;
  private final Server server;
  private final ServerConnector connector;
  private final ServerConnector blobConnector;
  private final @Nullable HeldCertificate ca;
  private final @Nullable HandshakeCertificates clientCertificates;
  private volatile @Nullable URI baseUri;
  private volatile @Nullable URI blobBaseUri;

  private RegistryServer(ServerSettings settings) throws IOException {
    this.settings = settings;
    Path directory = settings.storageDirectory();
    this.storage =
        directory == null
            ? RegistryStorage.inMemory(settings.clock(), settings.uploadExpiry())
            : RegistryStorage.onDisk(directory, settings.clock(), settings.uploadExpiry());
    this.authorizer = new Authorizer(settings, () -> baseUri() + "/token");
    this.dispatcher =
        new RegistryDispatcher(settings, storage, authorizer, faults, this::redirectTarget);
    this.blobHandler = new BlobRedirectHandler(storage, settings.journalLimit());
    settings.faults().forEach(faults::add);
    SslContextFactory.@Nullable Server tls = null;
    if (settings.tls()) {
      ca =
          new HeldCertificate.Builder()
              .certificateAuthority(0)
              .commonName("RegistryKit fake registry CA")
              .build();
      HeldCertificate serverCertificate =
          new HeldCertificate.Builder()
              .signedBy(ca)
              .commonName(settings.hostName())
              .addSubjectAlternativeName("localhost")
              .addSubjectAlternativeName("127.0.0.1")
              .addSubjectAlternativeName("::1")
              .addSubjectAlternativeName(settings.hostName())
              .build();
      HandshakeCertificates serverCertificates =
          new HandshakeCertificates.Builder()
              .heldCertificate(serverCertificate, ca.certificate())
              .build();
      tls = new SslContextFactory.Server();
      tls.setSslContext(serverCertificates.sslContext());
      // Host names such as "localhost" must not be refused as SNI values for a certificate that
      // lists them (Jetty's default checks SNI against the certificate strictly).
      tls.setSniRequired(false);
      clientCertificates =
          new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate()).build();
    } else {
      ca = null;
      clientCertificates = null;
    }
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
    threads.setName("registrykit-fake");
    threads.setDaemon(true);
    server = new Server(threads);
    server.setStopTimeout(0);
    connector = connector(server, tls);
    blobConnector = connector(server, tls);
    server.addConnector(connector);
    server.addConnector(blobConnector);
    JettyBridge registry = new JettyBridge(dispatcher::dispatch);
    JettyBridge blobs = new JettyBridge(blobHandler::handle);
    server.setHandler(
        new org.eclipse.jetty.server.Handler.Abstract() {
          @Override
          public boolean handle(
              org.eclipse.jetty.server.Request request,
              org.eclipse.jetty.server.Response response,
              org.eclipse.jetty.util.Callback callback)
              throws Exception {
            JettyBridge target =
                request.getConnectionMetaData().getConnector() == blobConnector ? blobs : registry;
            return target.handle(request, response, callback);
          }
        });
  }

  private ServerConnector connector(Server server, SslContextFactory.@Nullable Server tls) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // "/v2/team//app/…" must reach the registry, which answers NAME_INVALID as Distribution does.
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("registry", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    // Jetty reads a connection 8 KiB at a time by default: an upload then wakes the reading thread
    // once per 8 KiB. 64 KiB reads move a large upload in an eighth of the wake-ups.
    httpFactory.setInputBufferSize(INPUT_BUFFER);
    ConnectionFactory[] factories;
    if (tls == null) {
      factories = new ConnectionFactory[] {httpFactory};
    } else {
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      secure.setSniHostCheck(false);
      http.addCustomizer(secure);
      factories = new ConnectionFactory[] {new SslConnectionFactory(tls, "http/1.1"), httpFactory};
    }
    ServerConnector c = new ServerConnector(server, 1, 1, factories);
    c.setHost(settings.address().getHostAddress());
    c.setIdleTimeout(120_000);
    return c;
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
    s.connector.setPort(settings.port());
    try {
      s.server.start();
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    } catch (Exception e) {
      s.close();
      throw new IOException("could not start the fake registry: " + e.getMessage(), e);
    }
    String scheme = settings.tls() ? "https" : "http";
    s.baseUri =
        URI.create(
            scheme + "://" + hostLiteral(settings.hostName()) + ":" + s.connector.getLocalPort());
    // Another host name than the registry's, so that clients must treat it as a different host.
    String otherHost = settings.hostName().equals("127.0.0.1") ? "localhost" : "127.0.0.1";
    if (settings.address() instanceof Inet6Address) {
      otherHost = "[::1]";
    }
    s.blobBaseUri = URI.create(scheme + "://" + otherHost + ":" + s.blobConnector.getLocalPort());
    return s;
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
    return connector.getLocalPort();
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
    return blobHandler.journal();
  }

  /** Clears both journals. */
  public void clearJournal() {
    dispatcher.clearJournal();
    blobHandler.clearJournal();
  }

  /**
   * Drops all content, tokens, injected faults and journal entries; re-adds the configured faults.
   */
  public void reset() {
    storage.clear();
    faults.clear();
    settings.faults().forEach(faults::add);
    authorizer.reset();
    clearJournal();
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

  /** Stops both connectors and their connections. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the fake registry", e);
    }
  }
}
