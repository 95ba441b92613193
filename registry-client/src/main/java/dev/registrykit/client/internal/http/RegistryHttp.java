package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.auth.Scope;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.PlainHttpRegistryException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.Interceptor;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.distribution.Headers;
import dev.registrykit.core.reference.Registry;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * Executes the HTTP exchanges of registry operations: the pipeline every {@code RegistryClient}
 * call goes through.
 *
 * <p>For each {@link Exchange} it:
 *
 * <ul>
 *   <li>picks the scheme per registry, once: HTTPS with certificate verification; plain HTTP for
 *       registries listed in {@link Builder#plainHttp}; for loopback registries ({@code localhost},
 *       {@code 127.0.0.0/8}, {@code [::1]}) plain HTTP when the TLS handshake fails and a plain
 *       {@code GET /v2/} then gets an HTTP answer (as Docker does). A certificate that fails
 *       verification is never a reason to fall back: that is a {@link RegistryTlsException}.
 *   <li>connects Docker Hub's {@code docker.io} to {@code registry-1.docker.io};
 *   <li>authenticates: learns the registry's challenge from {@code GET /v2/}, then sends Basic
 *       credentials or a bearer token for the exchange's scopes (from a cache honouring {@code
 *       expires_in}); on a 401 refreshes the token, on {@code insufficient_scope} widens the
 *       scopes, once each, and otherwise throws {@link AuthenticationException};
 *   <li>retries 429, 502, 503, 504 and connection resets/timeouts (the latter only for idempotent
 *       steps) per the {@link RetryPolicy}, honouring {@code Retry-After}; throws {@link
 *       RateLimitedException} when 429s outlast it;
 *   <li>follows redirects itself, sending {@code Authorization} only to the registry's own origin,
 *       and refusing redirects from a public registry to internal addresses;
 *   <li>never sends credentials over plain HTTP to a non-loopback host unless {@link
 *       Builder#credentialsOverPlainHttp} allows it.
 * </ul>
 *
 * <p>{@link #execute} returns every other response (2xx, 3xx when not following, 4xx, 5xx after the
 * retries) to the caller, who maps error bodies to its exceptions and must close the response.
 *
 * <p>Thread-safe. Secrets never reach logs or exception messages; request lines are logged at
 * {@code DEBUG} without query strings on logger {@code dev.registrykit.client.http}.
 */
public final class RegistryHttp implements Closeable {
  /** The most redirects followed for one exchange. */
  public static final int MAX_REDIRECTS = 10;

  private static final System.Logger LOG = System.getLogger("dev.registrykit.client.http");

  /** How long a loopback TLS handshake may take before plain HTTP is tried alongside. */
  private static final Duration LOOPBACK_TLS_PATIENCE = Duration.ofMillis(750);

  /**
   * The most of an error body (or of a body read only so its connection can be reused) the client
   * reads: a hostile server cannot make it buffer more. Beyond it the connection is discarded.
   */
  public static final int MAX_ERROR_BODY = 64 * 1024;

  private final HttpTransport transport;
  private final CredentialProvider credentials;
  private final RetryPolicy retryPolicy;
  private final Set<String> plainHttp;
  private final boolean credentialsOverPlainHttp;
  private final String userAgent;
  private final List<Interceptor> interceptors;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final TokenCache tokens = new TokenCache();
  private final TokenFetcher tokenFetcher;

  private RegistryHttp(Builder b) {
    this.transport = b.transport;
    this.credentials = b.credentials;
    this.retryPolicy = b.retryPolicy;
    this.plainHttp = Set.copyOf(b.plainHttp);
    this.credentialsOverPlainHttp = b.credentialsOverPlainHttp;
    this.userAgent = b.userAgent;
    this.interceptors = List.copyOf(b.interceptors);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.tokenFetcher =
        new TokenFetcher((request, operation) -> sendWithRetries(operation, request, true), clock);
  }

  /** A builder sending through {@code transport}. */
  public static Builder builder(HttpTransport transport) {
    return new Builder(transport);
  }

  /**
   * Executes one exchange: see the class documentation for what happens on the way.
   *
   * @return the final response; the caller closes it
   * @throws AuthenticationException when the registry refuses the credentials, or there are none
   * @throws RateLimitedException when 429s outlast the retry policy
   * @throws RegistryTlsException when TLS fails (untrusted certificate, wrong host name)
   * @throws PlainHttpRegistryException when a non-loopback registry speaks plain HTTP without
   *     opt-in
   * @throws RegistryException for other failures, naming {@link Exchange#description()}
   */
  public HttpResponse execute(Exchange exchange) throws IOException {
    Session session = session(exchange.registry());
    URI base = session.base(exchange.description());
    URI uri = target(exchange, session, base);
    List<Scope> scopes = exchange.scopes();
    boolean refreshed = false;
    boolean widened = false;
    while (true) {
      Attempt attempt = new Attempt(scopes);
      HttpResponse response = sendWithRetries(exchange, session, uri, attempt);
      int status = response.status();
      if (status != 401 && status != 403) {
        return response;
      }
      List<Challenge> challenges =
          Challenge.parseAll(response.headers().allValues(Headers.WWW_AUTHENTICATE));
      Optional<Challenge> challenge = usable(challenges);
      boolean insufficientScope =
          challenge.isPresent()
              && challenge.get().isBearer()
              && challenge.get().error().filter("insufficient_scope"::equals).isPresent();
      if (status == 403 && !insufficientScope) {
        return response; // DENIED and friends: the caller maps the error body
      }
      if (challenge.isEmpty()) {
        return response; // a 401 the client cannot answer (unknown scheme): the caller maps it
      }
      Challenge c = challenge.get();
      List<Scope> widenedScopes = scopes;
      if (insufficientScope) {
        List<Scope> union = new ArrayList<>(scopes);
        union.addAll(c.scopes());
        widenedScopes = Scope.merge(union);
      }
      boolean canWiden = insufficientScope && !widened && !Scope.coversAll(scopes, widenedScopes);
      Credential credential = session.credential();
      // A fresh token may help (expired or revoked); resending the same Basic credentials or a
      // fixed
      // registry token cannot, and Basic without a username/password has nothing to send.
      boolean canRefresh =
          !refreshed
              && !insufficientScope
              && !(c.isBasic()
                  && (attempt.sentBasic || !(credential instanceof Credential.UsernamePassword)))
              && !(credential instanceof Credential.RegistryToken);
      if (!(canWiden || canRefresh) || !exchange.bodyRepeatable()) {
        byte[] body = readAndClose(response);
        throw authenticationFailure(exchange, session, status, c, attempt, body, insufficientScope);
      }
      drain(response);
      session.challenge = Optional.of(c);
      attempt.token.ifPresent(t -> tokens.invalidate(session.registry, t));
      if (canWiden) {
        widened = true;
        scopes = widenedScopes;
      } else {
        refreshed = true;
      }
    }
  }

  /**
   * The absolute, validated URI of an upload session from the {@code Location} header of {@code
   * response}: resolved against the URI that answered, and required to stay on the registry (SSRF
   * protection: a registry, or something between it and the client, must not point the upload, and
   * its credentials, at another host).
   *
   * @throws RegistryException when the header is missing, malformed or points elsewhere
   */
  public URI resolveLocation(Exchange exchange, HttpResponse response) throws RegistryException {
    String location =
        response
            .headers()
            .firstValue(Headers.LOCATION)
            .orElseThrow(
                () ->
                    new RegistryException(
                        exchange.description(),
                        "the registry answered "
                            + response.status()
                            + " without a Location header"));
    URI resolved;
    try {
      resolved = response.uri().resolve(new URI(location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RegistryException(
          exchange.description(), "the registry sent a malformed Location header");
    }
    Session session = session(exchange.registry());
    URI base = session.base;
    if (base == null) {
      base = response.uri();
    }
    RedirectPolicy.checkOnRegistry(exchange.description(), session.registryName, resolved, base);
    return resolved;
  }

  /**
   * The base URI ({@code https://host:port}) the client uses for {@code registry}, deciding the
   * scheme (with a {@code GET /v2/}) on first use.
   */
  public URI baseUri(String registry) throws IOException {
    return session(registry).base("GET " + registry + "/v2/");
  }

  /** Closes the transport. */
  @Override
  public void close() throws IOException {
    transport.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions and scheme selection

  private Session session(String registry) {
    return sessions.computeIfAbsent(registry.toLowerCase(Locale.ROOT), Session::new);
  }

  /** What the client knows about one registry. */
  private final class Session {
    final String registry;
    final Registry registryName;
    final String authority;
    volatile @Nullable URI base;
    volatile Optional<Challenge> challenge = Optional.empty();

    /** A refresh token the token endpoint rotated in place of the configured identity token. */
    volatile Optional<String> rotatedRefreshToken = Optional.empty();

    // Looked up once, on first use (a credential helper may be slow or prompt).
    private volatile @Nullable Optional<Credential> credential;

    Session(String registry) {
      this.registry = registry;
      this.registryName = Registry.parse(registry);
      this.authority = registryName.apiHost();
    }

    Credential credential() throws IOException {
      Optional<Credential> c = credential;
      if (c == null) {
        synchronized (this) {
          c = credential;
          if (c == null) {
            c = credentials.credentialFor(registry);
            credential = c;
          }
        }
      }
      return c.orElse(Credential.anonymous());
    }

    URI base(String operation) throws IOException {
      URI known = base;
      return known != null ? known : decideBase(operation);
    }

    private synchronized URI decideBase(String operation) throws IOException {
      if (base != null) {
        return base;
      }
      if (plainHttp.contains(registry) || plainHttp.contains(authority)) {
        URI http = URI.create("http://" + authority);
        learnChallenge(ping(operation, http, true));
        base = http;
        return base;
      }
      URI https = URI.create("https://" + authority);
      boolean loopback = registryName.isLoopback();
      HttpResponse answer;
      try {
        // On loopback a failed handshake is not retried: the plain-HTTP probe below is the next
        // step.
        if (loopback) {
          Optional<HttpResponse> stalledButPlain = Optional.empty();
          HttpResponse[] tlsAnswer = new HttpResponse[1];
          stalledButPlain = loopbackRace(operation, https, tlsAnswer);
          if (stalledButPlain.isPresent()) {
            LOG.log(
                System.Logger.Level.DEBUG,
                "{0} answers plain HTTP; using it (loopback)",
                authority);
            learnChallenge(stalledButPlain.get());
            base = URI.create("http://" + authority);
            return base;
          }
          answer = tlsAnswer[0];
        } else {
          answer = ping(operation, https, true);
        }
      } catch (IOException e) {
        if (isVerificationFailure(e)) {
          throw new RegistryTlsException(
              operation,
              "the TLS certificate of "
                  + authority
                  + " is not trusted ("
                  + safeMessage(e)
                  + "). Give the client the"
                  + " registry's CA certificate (ApacheHttpTransport.builder().trustedCertificates(...)); the client"
                  + " never falls back to plain HTTP for a certificate problem",
              e);
        }
        // A handshake that failed without a certificate problem (an unrecognised record, a reset, a
        // server waiting for a request line until the timeout) may mean the server speaks plain
        // HTTP.
        // Confirm with a plain request rather than guess from exception texts.
        boolean maybePlain = isSsl(e) || loopback && isRetryableIo(e);
        if (!maybePlain) {
          throw unreachable(operation, authority, e, 1);
        }
        URI http = URI.create("http://" + authority);
        HttpResponse plain;
        try {
          plain = ping(operation, http, false);
        } catch (IOException plainFailure) {
          e.addSuppressed(plainFailure);
          throw isSsl(e)
              ? new RegistryTlsException(
                  operation,
                  "the TLS handshake with " + authority + " failed: " + safeMessage(e),
                  e)
              : unreachable(operation, authority, e, 1);
        }
        if (!loopback) {
          plain.close();
          throw new PlainHttpRegistryException(
              operation,
              authority
                  + " speaks plain HTTP, not HTTPS. Only if the network to it is trusted, allow plain HTTP"
                  + " for it explicitly: RegistryClient.builder().plainHttp(Registry.parse(\""
                  + registry
                  + "\"))",
              e);
        }
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0} does not speak TLS; using plain HTTP (loopback)",
            authority);
        learnChallenge(plain);
        base = http;
        return base;
      }
      learnChallenge(answer);
      base = https;
      return base;
    }

    /**
     * Pings a loopback registry over HTTPS. A TLS server on loopback completes a handshake in
     * milliseconds; when the handshake stalls instead (a plain-HTTP server waiting for a request
     * line that the ClientHello never completes), a plain {@code GET /v2/} is tried meanwhile, and
     * a real HTTP answer to it (not the 400 that TLS servers give plain requests) settles the
     * question.
     *
     * @return the plain answer when the server speaks plain HTTP; otherwise empty, with the TLS
     *     answer in {@code tlsAnswer[0]}
     * @throws IOException the TLS attempt's failure
     */
    private Optional<HttpResponse> loopbackRace(
        String operation, URI https, HttpResponse[] tlsAnswer) throws IOException {
      java.util.concurrent.CompletableFuture<HttpResponse> tls =
          new java.util.concurrent.CompletableFuture<>();
      Thread attempt =
          new Thread(
              () -> {
                try {
                  tls.complete(ping(operation, https, false));
                } catch (Throwable t) {
                  tls.completeExceptionally(t);
                }
              },
              "registrykit-tls-probe");
      attempt.setDaemon(true);
      attempt.start();
      try {
        try {
          tlsAnswer[0] =
              tls.get(LOOPBACK_TLS_PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
          return Optional.empty();
        } catch (java.util.concurrent.TimeoutException stalled) {
          HttpResponse plain;
          try {
            plain = ping(operation, URI.create("http://" + authority), false);
          } catch (IOException notPlain) {
            plain = null;
          }
          if (plain != null && plain.status() != 400) {
            tls.whenComplete(
                (r, t) -> {
                  if (r != null) {
                    drain(r);
                  }
                });
            return Optional.of(plain);
          }
          if (plain != null) {
            drain(plain);
          }
          tlsAnswer[0] = tls.get();
          return Optional.empty();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException) {
          throw (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new IOException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while connecting to " + authority);
      }
    }

    private HttpResponse ping(String operation, URI base, boolean retry) throws IOException {
      HttpRequest request = HttpRequest.of("GET", base.resolve("/v2/"), HttpHeaders.empty());
      int attempt = 0;
      int timeouts = 0;
      while (true) {
        attempt++;
        try {
          return send(request);
        } catch (IOException e) {
          if (e instanceof SocketTimeoutException) {
            timeouts++;
          }
          if (!retry
              || !isRetryableIo(e)
              || attempt >= retryPolicy.maxAttempts()
              || timeouts >= retryPolicy.maxTimeoutAttempts()) {
            throw e;
          }
          sleep(operation, retryPolicy.backoff(attempt, random.getAsDouble()));
        }
      }
    }

    private void learnChallenge(HttpResponse ping) throws IOException {
      try (ping) {
        if (ping.status() == 401) {
          challenge =
              usable(Challenge.parseAll(ping.headers().allValues(Headers.WWW_AUTHENTICATE)));
        }
        drain(ping);
      }
    }
  }

  private URI target(Exchange exchange, Session session, URI base) throws RegistryException {
    if (!exchange.target().isAbsolute()) {
      return base.resolve(exchange.target());
    }
    RedirectPolicy.checkOnRegistry(
        exchange.description(), session.registryName, exchange.target(), base);
    return exchange.target();
  }

  // ---------------------------------------------------------------------------------------------
  // Retries

  /** Mutable state of one authentication round, shared by its retries. */
  private static final class Attempt {
    final List<Scope> scopes;
    boolean sentAuthorization;
    boolean sentBasic;
    Optional<String> token = Optional.empty();

    Attempt(List<Scope> scopes) {
      this.scopes = scopes;
    }
  }

  private HttpResponse sendWithRetries(Exchange exchange, Session session, URI uri, Attempt attempt)
      throws IOException {
    return retrying(
        exchange.description(),
        exchange.idempotent(),
        exchange.bodyRepeatable(),
        () -> sendFollowingRedirects(exchange, session, uri, attempt));
  }

  private HttpResponse sendWithRetries(String operation, HttpRequest request, boolean idempotent)
      throws IOException {
    boolean repeatable = request.body().isEmpty() || request.body().get().isRepeatable();
    return retrying(operation, idempotent, repeatable, () -> send(request));
  }

  @FunctionalInterface
  private interface Step {
    HttpResponse run() throws IOException;
  }

  private HttpResponse retrying(String operation, boolean idempotent, boolean repeatable, Step step)
      throws IOException {
    int attempt = 0;
    int timeouts = 0;
    while (true) {
      attempt++;
      HttpResponse response;
      try {
        response = step.run();
      } catch (RegistryException e) {
        throw e;
      } catch (IOException e) {
        if (isVerificationFailure(e)) {
          throw new RegistryTlsException(
              operation, "a TLS certificate is not trusted (" + safeMessage(e) + ")", e);
        }
        if (e instanceof SocketTimeoutException) {
          timeouts++;
        }
        if (isRetryableIo(e)
            && idempotent
            && repeatable
            && attempt < retryPolicy.maxAttempts()
            && timeouts < retryPolicy.maxTimeoutAttempts()) {
          Duration wait = retryPolicy.backoff(attempt, random.getAsDouble());
          LOG.log(
              System.Logger.Level.INFO,
              "{0}: {1}; retry {2} in {3} ms",
              operation,
              safeMessage(e),
              attempt,
              wait.toMillis());
          sleep(operation, wait);
          continue;
        }
        throw unreachable(operation, null, e, attempt);
      }
      int status = response.status();
      boolean retryableStatus = status == 429 || status == 502 || status == 503 || status == 504;
      if (!retryableStatus) {
        return response;
      }
      Optional<Duration> retryAfter = retryAfter(response.headers(), clock.instant());
      boolean allowed = repeatable && (idempotent || status == 429);
      boolean tooLong =
          retryAfter.isPresent() && retryAfter.get().compareTo(retryPolicy.maxRetryAfter()) > 0;
      if (!allowed || tooLong || attempt >= retryPolicy.maxAttempts()) {
        if (status == 429) {
          HttpHeaders headers = response.headers();
          byte[] body = readAndClose(response);
          throw TooManyRequests.exception(
              operation, attempt, retryAfter, headers, ErrorBodies.summary(body));
        }
        return response;
      }
      int retry = attempt;
      Duration wait = retryAfter.orElseGet(() -> retryPolicy.backoff(retry, random.getAsDouble()));
      LOG.log(
          System.Logger.Level.INFO,
          "{0}: HTTP {1}; retry {2} in {3} ms",
          operation,
          status,
          attempt,
          wait.toMillis());
      drain(response);
      sleep(operation, wait);
    }
  }

  /**
   * {@code Retry-After} as delta-seconds or HTTP-date (RFC 9110 section 10.2.3), never negative.
   */
  static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> value = headers.firstValue(Headers.RETRY_AFTER).map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    if (v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(
            Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)); // absurdly long: give up
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Redirects and authorization

  private HttpResponse sendFollowingRedirects(
      Exchange exchange, Session session, URI uri, Attempt attempt) throws IOException {
    String method = exchange.method();
    Optional<RequestBody> body = exchange.body();
    URI current = uri;
    // The scheme was chosen (session.base(...)) before the request was built.
    URI base = Objects.requireNonNull(session.base, "base");
    for (int hop = 0; ; hop++) {
      HttpHeaders.Builder headers = exchange.headers().newBuilder();
      if (Urls.sameOrigin(current, base)) {
        Optional<String> authorization = authorization(exchange, session, current, attempt);
        if (authorization.isPresent()) {
          headers.set(Headers.AUTHORIZATION, authorization.get());
        }
      } else {
        // Another host (a CDN, S3): nothing that identifies the user crosses over.
        headers
            .removeAll(Headers.AUTHORIZATION)
            .removeAll("Proxy-Authorization")
            .removeAll("Cookie");
      }
      HttpResponse response = send(new HttpRequest(method, current, headers.build(), body));
      int status = response.status();
      boolean redirect =
          status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      Optional<String> location = response.headers().firstValue(Headers.LOCATION);
      if (!redirect || !exchange.followRedirects() || location.isEmpty()) {
        return response;
      }
      if (hop >= MAX_REDIRECTS) {
        response.close();
        throw new RegistryException(
            exchange.description(), "more than " + MAX_REDIRECTS + " redirects");
      }
      URI next;
      try {
        next = current.resolve(new URI(location.get().trim()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        response.close();
        throw new RegistryException(
            exchange.description(), "the registry sent a malformed redirect Location");
      }
      RedirectPolicy.checkRedirect(exchange.description(), session.registryName, current, next);
      drain(response);
      if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
        method = method.equals("HEAD") ? "HEAD" : "GET";
        body = Optional.empty();
      } else if (body.isPresent() && !body.get().isRepeatable()) {
        throw new RegistryException(
            exchange.description(),
            "the registry redirected a request whose body cannot be sent again");
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "{0}: redirected to {1}",
          exchange.description(),
          Urls.redact(next));
      current = next;
    }
  }

  private Optional<String> authorization(
      Exchange exchange, Session session, URI uri, Attempt attempt) throws IOException {
    Optional<Challenge> challenge = session.challenge;
    if (challenge.isEmpty()) {
      // The registry asked for nothing (its GET /v2/ answered without a challenge): send nothing,
      // and do not even consult the credential sources (a broken helper must not break open
      // registries).
      return Optional.empty();
    }
    Credential credential = session.credential();
    boolean anonymous = credential instanceof Credential.Anonymous;
    boolean secure = secretsAllowed(uri);
    if (credential instanceof Credential.RegistryToken) {
      requireSecure(exchange, session, secure);
      attempt.sentAuthorization = true;
      return Optional.of("Bearer " + ((Credential.RegistryToken) credential).token());
    }
    Challenge c = challenge.get();
    if (c.isBearer()) {
      if (!anonymous) {
        requireSecure(exchange, session, secure);
      }
      BearerToken token = token(exchange, session, c, attempt.scopes, credential);
      attempt.sentAuthorization = true;
      attempt.token = Optional.of(token.value());
      return Optional.of("Bearer " + token.value());
    }
    if (c.isBasic() && credential instanceof Credential.UsernamePassword) {
      requireSecure(exchange, session, secure);
      Credential.UsernamePassword up = (Credential.UsernamePassword) credential;
      attempt.sentAuthorization = true;
      attempt.sentBasic = true;
      return Optional.of(TokenFetcher.basic(up.username(), up.password()));
    }
    return Optional.empty();
  }

  private BearerToken token(
      Exchange exchange, Session session, Challenge c, List<Scope> scopes, Credential credential)
      throws IOException {
    Optional<BearerToken> cached = tokens.find(session.registry, scopes, clock.instant());
    if (cached.isPresent()) {
      return cached.get();
    }
    // One fetch per registry at a time: parallel blob pushes starting together share the token.
    synchronized (session) {
      cached = tokens.find(session.registry, scopes, clock.instant());
      if (cached.isPresent()) {
        return cached.get();
      }
      URI realm = c.realm().map(RegistryHttp::uriOrNull).orElse(null);
      boolean realmSecure = realm != null && secretsAllowed(realm);
      Credential effective = credential;
      if (credential instanceof Credential.IdentityToken
          && session.rotatedRefreshToken.isPresent()) {
        effective =
            new Credential.IdentityToken(
                ((Credential.IdentityToken) credential).username(),
                session.rotatedRefreshToken.get());
      }
      BearerToken token =
          tokenFetcher.fetch(
              exchange.description(), session.registry, c, scopes, effective, realmSecure);
      if (credential instanceof Credential.IdentityToken && token.refreshToken().isPresent()) {
        // OAuth2 servers may rotate refresh tokens (RFC 6749 section 6): the old one may stop
        // working.
        session.rotatedRefreshToken = token.refreshToken();
      }
      tokens.put(session.registry, token);
      return token;
    }
  }

  /**
   * Whether credentials may be sent to {@code uri}: over HTTPS, to loopback, or over plain HTTP to
   * a host the caller named itself with {@code plainHttp} and opted into with {@code
   * credentialsOverPlainHttp}. A token realm on another host over plain HTTP does not inherit the
   * registry's opt-in: that host must be named too.
   */
  private boolean secretsAllowed(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return true;
    }
    if (uri.getHost() == null) {
      return false;
    }
    if (Urls.isLoopback(uri)) {
      return true;
    }
    String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
    boolean defaultPort = uri.getPort() < 0 || uri.getPort() == 80;
    boolean named =
        plainHttp.contains(authority) || defaultPort && plainHttp.contains(Urls.host(authority));
    return credentialsOverPlainHttp && named;
  }

  private static void requireSecure(Exchange exchange, Session session, boolean secure)
      throws RegistryException {
    if (!secure) {
      throw new AuthenticationException(
          exchange.description(),
          "refusing to send credentials for "
              + session.registry
              + " over plain HTTP to a non-loopback host;"
              + " use HTTPS, or, only on a trusted network, allow it:"
              + " RegistryClient.builder().plainHttp(Registry.parse(\""
              + session.registry
              + "\"))"
              + ".credentialsOverPlainHttp(true)",
          0,
          session.challenge.map(Challenge::toString).orElse(""));
    }
  }

  private AuthenticationException authenticationFailure(
      Exchange exchange,
      Session session,
      int status,
      Challenge c,
      Attempt attempt,
      byte[] body,
      boolean insufficientScope)
      throws IOException {
    Credential credential = session.credential();
    String who =
        credential instanceof Credential.Anonymous
            ? "anonymous access was refused and no credentials are configured for "
                + session.registry
                + " (add them with a CredentialProvider, e.g. docker login and CredentialProviders.defaultChain())"
            : "the registry refused the credentials configured for " + session.registry;
    String message;
    if (insufficientScope) {
      message =
          "the token lacks the access this needs (requested "
              + attempt.scopes
              + ", registry wants "
              + c.scopes()
              + "): "
              + (credential instanceof Credential.Anonymous
                  ? "anonymous users cannot do this; configure credentials for " + session.registry
                  : "the configured account is not allowed to do this");
    } else if (!exchange.bodyRepeatable() && !attempt.sentAuthorization) {
      message =
          "the registry asked for authentication while a body that cannot be resent was being sent";
    } else {
      message = who;
    }
    return new AuthenticationException(
        exchange.description(),
        message
            + " (HTTP "
            + status
            + ErrorBodies.summary(body)
            + "; challenge "
            + c.scheme()
            + c.realm().map(r -> " realm " + r).orElse("")
            + ")",
        status,
        c.toString());
  }

  private static Optional<Challenge> usable(Collection<Challenge> challenges) {
    // Bearer is preferred over Basic when a registry offers both; other schemes are ignored.
    Optional<Challenge> bearer = challenges.stream().filter(Challenge::isBearer).findFirst();
    return bearer.isPresent() ? bearer : challenges.stream().filter(Challenge::isBasic).findFirst();
  }

  // ---------------------------------------------------------------------------------------------
  // The wire

  private HttpResponse send(HttpRequest request) throws IOException {
    HttpRequest withAgent = request.withHeader(Headers.USER_AGENT, userAgent);
    LOG.log(System.Logger.Level.DEBUG, "--> {0}", withAgent);
    HttpResponse response = new Chain(0, withAgent).proceed(withAgent);
    LOG.log(System.Logger.Level.DEBUG, "<-- {0} {1}", response.status(), withAgent);
    return response;
  }

  private final class Chain implements Interceptor.Chain {
    private final int index;
    private final HttpRequest request;

    Chain(int index, HttpRequest request) {
      this.index = index;
      this.request = request;
    }

    @Override
    public HttpRequest request() {
      return request;
    }

    @Override
    public HttpResponse proceed(HttpRequest next) throws IOException {
      if (index >= interceptors.size()) {
        return transport.send(next);
      }
      return interceptors.get(index).intercept(new Chain(index + 1, next));
    }
  }

  private void sleep(String operation, Duration wait) throws IOException {
    if (!wait.isZero()) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedIOException e) {
        throw e;
      }
    }
  }

  /** Reads a little of the body so the connection can be reused, then closes. */
  private static void drain(HttpResponse response) {
    try (response;
        InputStream in = response.body()) {
      in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException ignored) {
      // The connection is discarded instead of reused; nothing else to do.
    }
  }

  private static byte[] readAndClose(HttpResponse response) {
    try (response) {
      return response.readBody(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Failure classification

  static boolean isRetryableIo(IOException e) {
    if (isSsl(e)
        || e instanceof UnknownHostException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return e instanceof SocketTimeoutException
        || e instanceof SocketException
        || e instanceof EOFException;
  }

  private static boolean isSsl(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  static boolean isVerificationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException
          || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  private static RegistryException unreachable(
      String operation, @Nullable String authority, IOException e, int attempts) {
    String what =
        e instanceof UnknownHostException
            ? "unknown host " + safeMessage(e)
            : e instanceof ConnectException
                ? "cannot connect"
                    + (authority == null ? "" : " to " + authority)
                    + ": "
                    + safeMessage(e)
                : e instanceof SocketTimeoutException
                    ? "timed out: "
                        + safeMessage(e)
                        + (e.getMessage() != null && e.getMessage().contains("stopped answering")
                            ? ""
                            : " (the registry stopped answering)")
                    : isSsl(e)
                        ? "TLS failure: " + safeMessage(e)
                        : "connection failed: " + safeMessage(e);
    if (isSsl(e)) {
      return new RegistryTlsException(operation, what, e);
    }
    return new RegistryException(
        operation, what + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), e);
  }

  /**
   * The exception's message with any query string of a URL cut off (signed URLs carry credentials
   * there).
   */
  private static String safeMessage(Throwable e) {
    String m = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    return m.replaceAll("\\?[^\\s\"']*", "");
  }

  private static @Nullable URI uriOrNull(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** Builds a {@link RegistryHttp}. Not thread-safe. */
  public static final class Builder {
    private final HttpTransport transport;
    private CredentialProvider credentials = registry -> Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final Set<String> plainHttp = new java.util.HashSet<>();
    private boolean credentialsOverPlainHttp;
    private String userAgent = "registrykit";
    private final List<Interceptor> interceptors = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Where credentials come from; none by default (anonymous). */
    public Builder credentials(CredentialProvider value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /** The retry policy; {@link RetryPolicy#defaults()} by default. */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * Registries (as in references, {@code host:port}) reached over plain HTTP without trying
     * HTTPS.
     */
    public Builder plainHttp(Collection<String> registries) {
      registries.forEach(r -> plainHttp.add(r.toLowerCase(Locale.ROOT)));
      return this;
    }

    /** Whether credentials may be sent over plain HTTP to non-loopback hosts; false by default. */
    public Builder credentialsOverPlainHttp(boolean value) {
      this.credentialsOverPlainHttp = value;
      return this;
    }

    /** The {@code User-Agent} header. */
    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    /**
     * Adds an interceptor, run on every request (each redirect hop and token request too) after
     * auth.
     */
    public Builder interceptor(Interceptor value) {
      interceptors.add(Objects.requireNonNull(value, "interceptor"));
      return this;
    }

    /** The clock for token expiry and {@code Retry-After} dates. Test seam. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** How to wait between retries. Test seam. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** The source of jitter, values in [0, 1). Test seam. */
    public Builder random(DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** The pipeline. */
    public RegistryHttp build() {
      return new RegistryHttp(this);
    }
  }

  @Override
  public String toString() {
    return "RegistryHttp[registries="
        + sessions.keySet().stream().sorted().collect(Collectors.joining(","))
        + "]";
  }
}
