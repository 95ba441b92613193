package dev.registrykit.client.transport.apache;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.RequestBody;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultProxyRoutePlanner;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The default transport, on Apache HttpClient 5.
 *
 * <ul>
 *   <li>Pooled HTTP/1.1 keep-alive connections (by default 64 in total, 16 per host), idle ones
 *       evicted after a minute.
 *   <li>Timeouts: connect (10 s), socket inactivity while reading or writing (60 s), waiting for the
 *       response head after the request was sent (5 minutes: registries verify a large blob's digest
 *       before they answer its final PUT).
 *   <li>Proxies: the JVM's {@link ProxySelector} by default ({@code https.proxyHost}, {@code
 *       http.nonProxyHosts}, {@code java.net.useSystemProxies}), or one explicit proxy.
 *   <li>TLS: verification always on; extra trusted CA certificates (PEM files or a {@link KeyStore})
 *       are trusted in addition to the JVM's; a client certificate for mutual TLS; or a whole {@link
 *       SSLContext} of the caller's.
 *   <li>No redirects, retries, decompression, cookies or authentication: the client does what is
 *       needed of those itself.
 *   <li>Streaming both ways: request bodies are written from {@link RequestBody#writeTo} (chunked
 *       when the length is unknown), response bodies read from the socket as the caller reads.
 * </ul>
 *
 * <p>Thread-safe. Close it to release the pooled connections.
 */
public final class ApacheHttpTransport implements HttpTransport {
  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager connections;
  private final TlsSocketStrategy tls;

  private ApacheHttpTransport(
      CloseableHttpClient client, PoolingHttpClientConnectionManager connections, TlsSocketStrategy tls) {
    this.client = client;
    this.connections = connections;
    this.tls = tls;
  }

  /** The TLS strategy the connections use (a test seam). */
  TlsSocketStrategy tlsStrategy() {
    return tls;
  }

  /** A transport with the default settings. */
  public static ApacheHttpTransport create() {
    return builder().build();
  }

  /** A builder for a configured transport. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    URI uri = request.uri();
    BasicClassicHttpRequest apacheRequest = new BasicClassicHttpRequest(request.method(), uri);
    HttpHeaders headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      // Framing headers come from the entity; Apache refuses duplicates of them.
      if (lower.equals("content-length") || lower.equals("transfer-encoding") || lower.equals("host")
          || lower.equals("connection")) {
        continue;
      }
      apacheRequest.addHeader(name, headers.value(i));
    }
    request.body().ifPresent(body -> apacheRequest.setEntity(new BodyEntity(body)));
    HttpHost target = HttpHost.create(uri);
    ClassicHttpResponse response;
    try {
      response = client.executeOpen(target, apacheRequest, HttpClientContext.create());
    } catch (IOException e) {
      throw translate(e);
    }
    HttpHeaders.Builder responseHeaders = HttpHeaders.builder();
    for (Header header : response.getHeaders()) {
      responseHeaders.add(header.getName(), header.getValue() == null ? "" : header.getValue());
    }
    HttpEntity entity = response.getEntity();
    InputStream content = entity == null ? InputStream.nullInputStream() : entity.getContent();
    if (content == null) {
      content = InputStream.nullInputStream();
    }
    return HttpResponse.of(uri, response.getCode(), responseHeaders.build(), new ResponseStream(content, response));
  }

  /** Closes the pooled connections. */
  @Override
  public void close() throws IOException {
    client.close(CloseMode.GRACEFUL);
    connections.close(CloseMode.GRACEFUL);
  }

  /**
   * Maps Apache's connection exceptions to the JDK types the SPI promises: a connection that closed
   * before or during a response is an {@link EOFException} or {@link SocketException}, so the client
   * can classify it without knowing Apache.
   */
  static IOException translate(IOException e) {
    if (e instanceof NoHttpResponseException) {
      SocketException s = new SocketException("the server closed the connection without a response: " + e.getMessage());
      s.initCause(e);
      return s;
    }
    if (e instanceof ConnectionClosedException) {
      EOFException eof = new EOFException("the connection closed early: " + e.getMessage());
      eof.initCause(e);
      return eof;
    }
    return e;
  }

  /** The response body; closing it releases (or, if unread, discards) the connection. */
  private static final class ResponseStream extends FilterInputStream {
    private final ClassicHttpResponse response;

    ResponseStream(InputStream in, ClassicHttpResponse response) {
      super(in);
      this.response = response;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw translate(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw translate(e);
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } catch (IOException ignored) {
        // The connection is discarded below either way.
      } finally {
        response.close();
      }
    }
  }

  /** A {@link RequestBody} as an Apache entity, written straight to the connection. */
  private static final class BodyEntity extends AbstractHttpEntity {
    private final RequestBody body;

    BodyEntity(RequestBody body) {
      super(body.contentType(), null, body.contentLength() < 0);
      this.body = body;
    }

    @Override
    public boolean isRepeatable() {
      return body.isRepeatable();
    }

    @Override
    public long getContentLength() {
      return body.contentLength();
    }

    @Override
    public InputStream getContent() {
      throw new UnsupportedOperationException("request bodies are written, not read");
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      body.writeTo(out);
    }

    @Override
    public boolean isStreaming() {
      return false;
    }

    @Override
    public void close() {}
  }

  /**
   * TLS with the JVM's default trust and no client certificate, set up on the first HTTPS
   * connection rather than when the transport is built. Thread-safe.
   */
  static final class LazyTlsStrategy implements TlsSocketStrategy {
    private volatile TlsSocketStrategy delegate;

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      return delegate().upgrade(socket, target, port, attachment, context);
    }

    /** Whether the TLS context has been set up yet (a test seam). */
    boolean initialized() {
      return delegate != null;
    }

    private TlsSocketStrategy delegate() throws SSLException {
      TlsSocketStrategy d = delegate;
      if (d == null) {
        synchronized (this) {
          d = delegate;
          if (d == null) {
            try {
              d = new DefaultClientTlsStrategy(
                  TlsMaterial.sslContext(List.of(), List.of(), Optional.empty(), new char[0]));
            } catch (IOException | GeneralSecurityException e) {
              throw new SSLException("cannot set up TLS: " + e.getMessage(), e);
            }
            delegate = d;
          }
        }
      }
      return d;
    }
  }

  /** Builds an {@link ApacheHttpTransport}. Not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration socketTimeout = Duration.ofSeconds(60);
    private Duration responseTimeout = Duration.ofMinutes(5);
    private Duration idleTimeout = Duration.ofMinutes(1);
    private int maxConnections = 64;
    private int maxConnectionsPerHost = 16;
    private Optional<URI> proxy = Optional.empty();
    private boolean systemProxy = true;
    private final List<Path> trustedCertificates = new ArrayList<>();
    private final List<KeyStore> trustStores = new ArrayList<>();
    private Optional<KeyStore> clientKeyStore = Optional.empty();
    private char[] clientKeyPassword = new char[0];
    private Optional<SSLContext> sslContext = Optional.empty();
    private final List<Path> certsDirectories = new ArrayList<>();

    private Builder() {}

    /**
     * Reads per-registry TLS material from Docker's {@code certs.d} layout under these roots (e.g.
     * {@code /etc/docker/certs.d}, {@code /etc/containers/certs.d}): for {@code host:port}, the
     * directory {@code host:port} ({@code host} too for port 443) of the first root that has one;
     * its {@code *.crt} are CAs trusted for that host only (besides the JVM's and {@link
     * #trustedCertificates}), its {@code *.cert} + {@code *.key} pairs (PEM, PKCS#8 keys) client
     * certificates presented to that host only. Read on the first connection to each host. Ignored
     * when {@link #sslContext} is set.
     */
    public Builder certsDirectories(Path... roots) {
      for (Path root : roots) {
        certsDirectories.add(Objects.requireNonNull(root, "root"));
      }
      return this;
    }

    /** How long to wait for a TCP (and TLS) connection; 10 s by default. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /** The longest silence while reading or writing a connection; 60 s by default. */
    public Builder socketTimeout(Duration value) {
      this.socketTimeout = positive(value, "socketTimeout");
      return this;
    }

    /** How long to wait for the response head once the request is sent; 5 minutes by default. */
    public Builder responseTimeout(Duration value) {
      this.responseTimeout = positive(value, "responseTimeout");
      return this;
    }

    /** Pool sizes: in total and per host; 64 and 16 by default. */
    public Builder maxConnections(int total, int perHost) {
      if (total < 1 || perHost < 1) {
        throw new IllegalArgumentException("connection limits must be positive");
      }
      this.maxConnections = total;
      this.maxConnectionsPerHost = perHost;
      return this;
    }

    /** Sends every request through the HTTP proxy at {@code uri} ({@code http://proxy:3128}). */
    public Builder proxy(URI uri) {
      Objects.requireNonNull(uri, "uri");
      if (uri.getHost() == null || !"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
        throw new IllegalArgumentException("proxy must be an http(s)://host:port URI");
      }
      this.proxy = Optional.of(uri);
      return this;
    }

    /** Ignores the JVM's proxy settings and connects directly (unless {@link #proxy} is set). */
    public Builder noSystemProxy() {
      this.systemProxy = false;
      return this;
    }

    /**
     * Trusts the CA certificates in these PEM files in addition to the JVM's trust store (a private
     * registry's self-signed CA). Ignored when {@link #sslContext} is set.
     */
    public Builder trustedCertificates(Path... pemFiles) {
      for (Path p : pemFiles) {
        trustedCertificates.add(Objects.requireNonNull(p, "pemFile"));
      }
      return this;
    }

    /** Trusts the certificates in {@code trustStore} in addition to the JVM's. Ignored when {@link #sslContext} is set. */
    public Builder trustStore(KeyStore trustStore) {
      trustStores.add(Objects.requireNonNull(trustStore, "trustStore"));
      return this;
    }

    /** Presents the key and certificate in {@code keyStore} for mutual TLS. Ignored when {@link #sslContext} is set. */
    public Builder clientCertificate(KeyStore keyStore, char[] password) {
      this.clientKeyStore = Optional.of(Objects.requireNonNull(keyStore, "keyStore"));
      this.clientKeyPassword = password.clone();
      return this;
    }

    /**
     * Presents a client certificate chain and its PKCS#8 private key, both PEM files (Docker's {@code
     * certs.d/<host>/client.cert} and {@code client.key} after {@code openssl pkcs8 -topk8 -nocrypt}).
     */
    public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) throws IOException {
      try {
        this.clientKeyStore = Optional.of(TlsMaterial.keyStore(certificateChainPem, privateKeyPem));
        this.clientKeyPassword = new char[0];
      } catch (GeneralSecurityException e) {
        throw new IOException("cannot load client certificate " + certificateChainPem + ": " + e.getMessage(), e);
      }
      return this;
    }

    /** Uses the caller's TLS setup as it is (trust and keys). */
    public Builder sslContext(SSLContext value) {
      this.sslContext = Optional.of(Objects.requireNonNull(value, "sslContext"));
      return this;
    }

    /**
     * The transport.
     *
     * @throws IllegalStateException when trust or key material cannot be loaded
     */
    public ApacheHttpTransport build() {
      TlsSocketStrategy tls;
      if (sslContext.isPresent()) {
        tls = new DefaultClientTlsStrategy(sslContext.get());
      } else if (trustedCertificates.isEmpty() && trustStores.isEmpty() && clientKeyStore.isEmpty()) {
        // The JVM's own trust store: loading it (cacerts, the JSSE provider, ~300 classes) costs about
        // 0.3 s of a command-line run's start-up, so it waits for the first HTTPS connection; a
        // plain-HTTP (loopback) registry never pays it.
        tls = new LazyTlsStrategy();
      } else {
        // Material the caller gave is loaded now, so that a bad file fails here, not mid-transfer.
        try {
          tls = new DefaultClientTlsStrategy(
              TlsMaterial.sslContext(trustedCertificates, trustStores, clientKeyStore, clientKeyPassword));
        } catch (IOException | GeneralSecurityException e) {
          throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
      }
      if (!certsDirectories.isEmpty() && sslContext.isEmpty()) {
        tls = new CertsDirectories(certsDirectories, trustedCertificates, trustStores, tls);
      }
      PoolingHttpClientConnectionManager connections =
          PoolingHttpClientConnectionManagerBuilder.create()
              .setTlsSocketStrategy(tls)
              .setMaxConnTotal(maxConnections)
              .setMaxConnPerRoute(maxConnectionsPerHost)
              .setDefaultConnectionConfig(
                  ConnectionConfig.custom()
                      .setConnectTimeout(Timeout.of(connectTimeout))
                      .setSocketTimeout(Timeout.of(socketTimeout))
                      .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                      .build())
              .build();
      HttpClientBuilder builder =
          HttpClients.custom()
              .setConnectionManager(connections)
              .setDefaultRequestConfig(
                  RequestConfig.custom()
                      .setRedirectsEnabled(false)
                      .setResponseTimeout(Timeout.of(responseTimeout))
                      .setProtocolUpgradeEnabled(false)
                      .build())
              .disableRedirectHandling()
              .disableAutomaticRetries()
              .disableContentCompression()
              .disableCookieManagement()
              .disableAuthCaching()
              .disableDefaultUserAgent()
              .evictExpiredConnections()
              .evictIdleConnections(TimeValue.of(idleTimeout));
      if (proxy.isPresent()) {
        builder.setRoutePlanner(new DefaultProxyRoutePlanner(HttpHost.create(proxy.get())));
      } else if (systemProxy) {
        builder.setRoutePlanner(new SystemDefaultRoutePlanner(ProxySelector.getDefault()));
      }
      return new ApacheHttpTransport(builder.build(), connections, tls);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }
  }
}
