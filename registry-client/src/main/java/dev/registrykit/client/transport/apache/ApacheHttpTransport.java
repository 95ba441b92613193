package dev.registrykit.client.transport.apache;

import dev.registrykit.client.internal.logging.Logging;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.RequestBody;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
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
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The default transport, on Apache HttpClient 5.
 *
 * <ul>
 *   <li>Pooled HTTP/1.1 keep-alive connections (by default 64 in total, 16 per host), idle ones
 *       evicted after a minute.
 *   <li>Timeouts, each settable on the {@link Builder}: connecting (10 s); silence during the TLS
 *       handshake or while a request is written (30 s); waiting for the response head once the
 *       request is sent (45 s); a body arriving slower than 1 KiB/s over 30 s of waiting for it
 *       (curl's {@code --speed-limit}/{@code --speed-time}, which also ends a body that stalls
 *       completely); and {@link HttpResponse#readBody small bodies} read in one minute at most. A
 *       {@link SocketTimeoutException} names the phase that stalled.
 *   <li>A response closed before its body's end discards its connection at once (nothing more is
 *       read), so a rejected or over-limit body costs nothing whatever the server keeps sending.
 *   <li>Proxies: the JVM's {@link ProxySelector} by default ({@code https.proxyHost}, {@code
 *       http.nonProxyHosts}, {@code java.net.useSystemProxies}), or one explicit proxy.
 *   <li>TLS: verification on, except for the requests the client sends with {@link #sendUnverified}
 *       (registries the caller named insecure); extra trusted CA certificates (PEM files or a
 *       {@link KeyStore}) are trusted in addition to the JVM's; a client certificate for mutual
 *       TLS; or a whole {@link SSLContext} of the caller's.
 *   <li>No redirects, retries, decompression, cookies or authentication: the client does what is
 *       needed of those itself.
 *   <li>Streaming both ways: request bodies are written from {@link RequestBody#writeTo} (chunked
 *       when the length is unknown), response bodies read from the socket as the caller reads.
 * </ul>
 *
 * <p>Thread-safe. Close it to release the pooled connections.
 */
public final class ApacheHttpTransport implements HttpTransport {
  static {
    // Before any HttpClient class starts SLF4J: no "no providers" notice when the app has no
    // backend.
    Logging.quietWithoutProvider();
  }

  private final CloseableHttpClient client;
  private final PoolingHttpClientConnectionManager connections;
  private final TlsSocketStrategy tls;
  private final Limits limits;
  private final ScheduledExecutorService watchdog;

  private ApacheHttpTransport(
      CloseableHttpClient client,
      PoolingHttpClientConnectionManager connections,
      TlsSocketStrategy tls,
      Limits limits) {
    this.client = client;
    this.connections = connections;
    this.tls = tls;
    this.limits = limits;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "registrykit-body-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  /** The time limits of one transport; see the {@link Builder}. */
  private record Limits(
      Duration connectTimeout,
      Duration socketTimeout,
      Duration responseTimeout,
      long lowSpeedBytesPerSecond,
      Duration lowSpeedTime,
      Duration smallBodyTimeout) {}

  /** The TLS strategy the connections use (a test seam). */
  TlsSocketStrategy tlsStrategy() {
    TlsSocketStrategy t =
        tls instanceof StallNamingTlsStrategy ? ((StallNamingTlsStrategy) tls).delegate() : tls;
    return t instanceof UnverifiedTls ? ((UnverifiedTls) t).verified() : t;
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
    return send(request, false);
  }

  /**
   * Sends {@code request} over a connection whose TLS certificate chain and host name go unchecked
   * (set up for such requests only, pooled apart from verified ones). The {@link
   * Builder#clientCertificate client certificate} is presented; a caller's {@link
   * Builder#sslContext} is not used.
   */
  @Override
  public HttpResponse sendUnverified(HttpRequest request) throws IOException {
    return send(request, "https".equalsIgnoreCase(request.uri().getScheme()));
  }

  private HttpResponse send(HttpRequest request, boolean unverified) throws IOException {
    URI uri = request.uri();
    // A cancellable request: aborting it discards the connection without reading on.
    HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method(), uri);
    HttpHeaders headers = request.headers();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String lower = name.toLowerCase(Locale.ROOT);
      // Framing headers come from the entity; Apache refuses duplicates of them.
      if (lower.equals("content-length")
          || lower.equals("transfer-encoding")
          || lower.equals("host")
          || lower.equals("connection")) {
        continue;
      }
      apacheRequest.addHeader(name, headers.value(i));
    }
    request.body().ifPresent(body -> apacheRequest.setEntity(new BodyEntity(body)));
    HttpHost target = HttpHost.create(uri);
    ClassicHttpResponse response;
    HttpClientContext context = HttpClientContext.create();
    if (unverified) {
      context.setAttribute(UnverifiedTls.ATTRIBUTE, Boolean.TRUE);
      context.setUserToken(UnverifiedTls.POOL_STATE);
    }
    try {
      response = client.executeOpen(target, apacheRequest, context);
    } catch (IOException e) {
      // Apache re-wraps what the TLS strategy threw; the strategy left the stall in the context.
      if (context.getAttribute(StallNamingTlsStrategy.STALL) instanceof StalledException) {
        StalledException stall =
            (StalledException) context.getAttribute(StallNamingTlsStrategy.STALL);
        throw stall;
      }
      throw fromSend(e, uri);
    }
    HttpHeaders.Builder responseHeaders = HttpHeaders.builder();
    try {
      for (Header header : response.getHeaders()) {
        responseHeaders.add(header.getName(), header.getValue() == null ? "" : header.getValue());
      }
    } catch (IllegalArgumentException e) {
      // A header name or value no HTTP message may carry (a NUL, a control in a name): a broken
      // answer, reported as such rather than as an unchecked exception.
      apacheRequest.cancel();
      response.close();
      throw new ProtocolException(
          "malformed response header from " + authority(uri) + ": " + e.getMessage());
    }
    HttpEntity entity = response.getEntity();
    InputStream content = entity == null ? null : entity.getContent();
    long length = content == null ? 0 : entity.getContentLength();
    ResponseStream body =
        new ResponseStream(
            content == null ? InputStream.nullInputStream() : content,
            length,
            response,
            apacheRequest,
            authority(uri));
    return HttpResponse.of(
        uri, response.getCode(), responseHeaders.build(), body, limits.smallBodyTimeout());
  }

  /** Closes the pooled connections. */
  @Override
  public void close() throws IOException {
    watchdog.shutdownNow();
    client.close(CloseMode.GRACEFUL);
    connections.close(CloseMode.GRACEFUL);
  }

  private IOException fromSend(IOException e, URI uri) {
    if (e instanceof ConnectTimeoutException) {
      return timeout(
          "connecting to "
              + authority(uri)
              + " timed out after "
              + seconds(limits.connectTimeout()),
          e);
    }
    if (e instanceof SocketTimeoutException) {
      return timeout(
          authority(uri)
              + " sent no response headers within "
              + seconds(limits.responseTimeout())
              + " of the request",
          e);
    }
    return translate(e);
  }

  private static String authority(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static SocketTimeoutException timeout(String message, IOException cause) {
    SocketTimeoutException e = new StalledException(message + ": the registry stopped answering");
    e.initCause(cause);
    return e;
  }

  /** A timeout whose message already says where the peer stopped answering. */
  static final class StalledException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    StalledException(String message) {
      super(message);
    }
  }

  /**
   * Maps Apache's connection exceptions to the JDK types the SPI promises: a connection that closed
   * before or during a response is an {@link EOFException} or {@link SocketException}, so the
   * client can classify it without knowing Apache.
   */
  static IOException translate(IOException e) {
    if (e instanceof NoHttpResponseException) {
      SocketException s =
          new SocketException(
              "the server closed the connection without a response: " + e.getMessage());
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

  /**
   * The response body. Closing it at its end releases the connection to the pool; closing it
   * earlier aborts the request, which discards the connection without reading the rest. While the
   * caller waits in {@code read}, the watchdog enforces the low-speed limit: fewer than {@code
   * lowSpeedBytesPerSecond} bytes per second over {@code lowSpeedTime} of waiting aborts the body.
   * Time the caller spends elsewhere does not count: a slow consumer is not a slow registry.
   */
  private final class ResponseStream extends InputStream {
    private final InputStream in;
    private final long contentLength;
    private final ClassicHttpResponse response;
    private final HttpUriRequestBase request;
    private final String origin;
    private final @Nullable ScheduledFuture<?> watch;
    private long bytesRead;
    private boolean atEnd;
    private boolean closed;
    // Guarded by this: the low-speed window.
    private long windowBytes;
    private long windowWaitNanos;
    private long readingSince;
    private volatile @Nullable String abortReason;

    ResponseStream(
        InputStream in,
        long contentLength,
        ClassicHttpResponse response,
        HttpUriRequestBase request,
        String origin) {
      this.in = in;
      this.contentLength = contentLength;
      this.response = response;
      this.request = request;
      this.origin = origin;
      this.atEnd = contentLength == 0;
      this.watch =
          atEnd || limits.lowSpeedBytesPerSecond() == 0
              ? null
              : watchdog.scheduleAtFixedRate(this::checkSpeed, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (atEnd) {
        return -1;
      }
      synchronized (this) {
        readingSince = System.nanoTime();
      }
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        String reason = abortReason;
        if (reason != null) {
          throw timeout(reason, e);
        }
        if (e instanceof SocketTimeoutException) {
          throw timeout(
              "the body from "
                  + origin
                  + " stalled: nothing arrived for "
                  + seconds(limits.responseTimeout()),
              e);
        }
        throw translate(e);
      } finally {
        synchronized (this) {
          if (readingSince != 0) {
            windowWaitNanos += System.nanoTime() - readingSince;
          }
          readingSince = 0;
        }
      }
      if (n < 0) {
        reachedEnd();
        return -1;
      }
      synchronized (this) {
        windowBytes += n;
      }
      bytesRead += n;
      if (contentLength >= 0 && bytesRead >= contentLength) {
        reachedEnd();
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return atEnd ? 0 : in.available();
    }

    private void reachedEnd() {
      atEnd = true;
      if (watch != null) {
        watch.cancel(false);
      }
    }

    /** The watchdog's check, once a second. */
    private void checkSpeed() {
      long windowNanos = limits.lowSpeedTime().toNanos();
      synchronized (this) {
        long now = System.nanoTime();
        long waited = windowWaitNanos + (readingSince == 0 ? 0 : now - readingSince);
        if (waited < windowNanos) {
          return;
        }
        long needed = limits.lowSpeedBytesPerSecond() * limits.lowSpeedTime().toSeconds();
        if (windowBytes < needed) {
          abortReason =
              "the body from "
                  + origin
                  + " arrived slower than "
                  + limits.lowSpeedBytesPerSecond()
                  + " bytes/s for "
                  + seconds(limits.lowSpeedTime())
                  + " ("
                  + windowBytes
                  + " bytes; "
                  + bytesRead
                  + " in all)";
        } else {
          windowBytes = 0;
          windowWaitNanos = 0;
          readingSince = readingSince == 0 ? 0 : now;
          return;
        }
      }
      if (watch != null) {
        watch.cancel(false);
      }
      request.cancel();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      if (watch != null) {
        watch.cancel(false);
      }
      boolean abort = !atEnd;
      if (abort) {
        // Not at the end: whatever is left may be endless. Abort, never drain.
        request.cancel();
      }
      try {
        in.close();
      } catch (IOException ignored) {
        // The connection is released or discarded below either way.
      }
      try {
        response.close();
      } catch (IOException e) {
        if (!abort) {
          throw e;
        }
        // An aborted connection may complain on its way out; it is gone, which is what was asked.
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
   * Names a TLS handshake that stalls: a server that accepts the connection and then says nothing
   * is reported as not answering, not as a TLS problem.
   */
  static final class StallNamingTlsStrategy implements TlsSocketStrategy {
    /** The context attribute holding the {@link StalledException} of a stalled handshake. */
    static final String STALL = "dev.registrykit.tls-stall";

    private final TlsSocketStrategy delegate;
    private final Duration timeout;

    StallNamingTlsStrategy(TlsSocketStrategy delegate, Duration timeout) {
      this.delegate = delegate;
      this.timeout = timeout;
    }

    TlsSocketStrategy delegate() {
      return delegate;
    }

    @Override
    public SSLSocket upgrade(
        Socket socket, String target, int port, Object attachment, HttpContext context)
        throws IOException {
      try {
        return delegate.upgrade(socket, target, port, attachment, context);
      } catch (IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          if (t instanceof SocketTimeoutException) {
            SocketTimeoutException stall =
                timeout(
                    target
                        + ":"
                        + port
                        + " accepted the connection but sent nothing for "
                        + seconds(timeout)
                        + " (no answer to the TLS handshake)",
                    e);
            if (context != null) {
              context.setAttribute(STALL, stall);
            }
            throw stall;
          }
        }
        throw e;
      }
    }
  }

  /**
   * TLS with the JVM's default trust and no client certificate, set up on the first HTTPS
   * connection rather than when the transport is built. Thread-safe.
   */
  static final class LazyTlsStrategy implements TlsSocketStrategy {
    private volatile @Nullable TlsSocketStrategy delegate;

    @Override
    public SSLSocket upgrade(
        Socket socket, String target, int port, Object attachment, HttpContext context)
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
              d =
                  new DefaultClientTlsStrategy(
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
    private Duration socketTimeout = Duration.ofSeconds(30);
    private Duration responseTimeout = Duration.ofSeconds(45);
    private long lowSpeedBytesPerSecond = 1024;
    private Duration lowSpeedTime = Duration.ofSeconds(30);
    private Duration smallBodyTimeout = HttpResponse.DEFAULT_SMALL_BODY_TIMEOUT;
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

    /** How long to wait for a TCP connection; 10 s by default. */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = positive(value, "connectTimeout");
      return this;
    }

    /**
     * The longest silence during the TLS handshake and while a request is written; 30 s by default.
     */
    public Builder socketTimeout(Duration value) {
      this.socketTimeout = positive(value, "socketTimeout");
      return this;
    }

    /**
     * How long to wait for the response head once the request is sent; 45 s by default. Raise it
     * for a registry that takes longer to acknowledge a large blob's final {@code PUT} (it verifies
     * the digest first).
     */
    public Builder responseTimeout(Duration value) {
      this.responseTimeout = positive(value, "responseTimeout");
      return this;
    }

    /**
     * Fails a response body that arrives slower than {@code bytesPerSecond} over {@code time} of
     * waiting for it (as curl's {@code --speed-limit}/{@code --speed-time}); a body that stalls
     * completely fails after {@code time} too. 1024 bytes/s over 30 s by default; 0 bytes/s turns
     * the check off (a stalled body then fails after the {@link #responseTimeout}).
     */
    public Builder lowSpeedLimit(long bytesPerSecond, Duration time) {
      if (bytesPerSecond < 0) {
        throw new IllegalArgumentException(
            "bytesPerSecond must not be negative: " + bytesPerSecond);
      }
      Duration t = positive(time, "time");
      if (t.toSeconds() < 1) {
        throw new IllegalArgumentException("time must be at least 1 s");
      }
      this.lowSpeedBytesPerSecond = bytesPerSecond;
      this.lowSpeedTime = t;
      return this;
    }

    /**
     * How long reading a small body (a manifest, token, tag page or error body, through {@link
     * HttpResponse#readBody}) may take in total; one minute by default.
     */
    public Builder smallBodyTimeout(Duration value) {
      this.smallBodyTimeout = positive(value, "smallBodyTimeout");
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
      if (uri.getHost() == null
          || !"http".equalsIgnoreCase(uri.getScheme())
              && !"https".equalsIgnoreCase(uri.getScheme())) {
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

    /**
     * Trusts the certificates in {@code trustStore} in addition to the JVM's. Ignored when {@link
     * #sslContext} is set.
     */
    public Builder trustStore(KeyStore trustStore) {
      trustStores.add(Objects.requireNonNull(trustStore, "trustStore"));
      return this;
    }

    /**
     * Presents the key and certificate in {@code keyStore} for mutual TLS. Ignored when {@link
     * #sslContext} is set.
     */
    public Builder clientCertificate(KeyStore keyStore, char[] password) {
      this.clientKeyStore = Optional.of(Objects.requireNonNull(keyStore, "keyStore"));
      this.clientKeyPassword = password.clone();
      return this;
    }

    /**
     * Presents a client certificate chain and its PKCS#8 private key, both PEM files (Docker's
     * {@code certs.d/<host>/client.cert} and {@code client.key} after {@code openssl pkcs8 -topk8
     * -nocrypt}).
     */
    public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem)
        throws IOException {
      try {
        this.clientKeyStore = Optional.of(TlsMaterial.keyStore(certificateChainPem, privateKeyPem));
        this.clientKeyPassword = new char[0];
      } catch (GeneralSecurityException e) {
        throw new IOException(
            "cannot load client certificate " + certificateChainPem + ": " + e.getMessage(), e);
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
      } else if (trustedCertificates.isEmpty()
          && trustStores.isEmpty()
          && clientKeyStore.isEmpty()) {
        // The JVM's own trust store: loading it (cacerts, the JSSE provider, ~300 classes) costs
        // about
        // 0.3 s of a command-line run's start-up, so it waits for the first HTTPS connection; a
        // plain-HTTP (loopback) registry never pays it.
        tls = new LazyTlsStrategy();
      } else {
        // Material the caller gave is loaded now, so that a bad file fails here, not mid-transfer.
        try {
          tls =
              new DefaultClientTlsStrategy(
                  TlsMaterial.sslContext(
                      trustedCertificates, trustStores, clientKeyStore, clientKeyPassword));
        } catch (IOException | GeneralSecurityException e) {
          throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
      }
      if (!certsDirectories.isEmpty() && sslContext.isEmpty()) {
        tls = new CertsDirectories(certsDirectories, trustedCertificates, trustStores, tls);
      }
      tls = new UnverifiedTls(tls, clientKeyStore, clientKeyPassword);
      tls = new StallNamingTlsStrategy(tls, socketTimeout);
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
      Limits limits =
          new Limits(
              connectTimeout,
              socketTimeout,
              responseTimeout,
              lowSpeedBytesPerSecond,
              lowSpeedTime,
              smallBodyTimeout);
      return new ApacheHttpTransport(builder.build(), connections, tls, limits);
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
