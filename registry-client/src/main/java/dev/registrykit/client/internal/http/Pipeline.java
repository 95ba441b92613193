package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.internal.logging.Logging;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.Interceptor;
import dev.registrykit.core.distribution.Headers;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;

/**
 * The client's HTTP pipeline: every {@link Call} goes through these steps, in this order, each in
 * its own class.
 *
 * <ol>
 *   <li>{@link FailureMapping}: connection failures that get through become typed exceptions;
 *   <li>{@link SchemeSelection}: HTTPS or plain HTTP, once per registry; the target made absolute;
 *   <li>{@link Authentication}: Basic or bearer, token refresh and scope widening;
 *   <li>{@link Retry}: 429, 5xx and connection failures, {@code Retry-After};
 *   <li>{@link Redirects}: followed hop by hop under the {@link RedirectPolicy};
 *   <li>{@link UserAgent}, then the user's interceptors ({@link UserInterceptor}), then the
 *       transport.
 * </ol>
 *
 * <p>Token requests and pings take the tail of the same chain: retry, user agent, interceptors,
 * transport. Error statuses the pipeline does not resolve come back as responses for the caller to
 * map with {@link Errors}. Thread-safe; logs through SLF4J on {@value #LOGGER}: retries at {@code
 * INFO}, requests and redirects at {@code DEBUG}, never with query strings or secrets.
 */
public final class Pipeline implements CallSender, Closeable {
  /** The logger of the pipeline's requests and retries. */
  public static final String LOGGER = "dev.registrykit.client.http";

  static final Logger LOG = Logging.logger(LOGGER);

  private final HttpTransport transport;
  private final Sessions sessions;
  private final SchemeSelection schemeSelection;
  private final InsecureAccess access;
  private final Step.Chain chain;

  private Pipeline(Builder b) {
    this.transport = b.transport;
    this.sessions = new Sessions(b.credentials);
    this.access = new InsecureAccess(b.plainHttp, b.insecure, b.credentialsOverPlainHttp);
    List<Step> wire = new ArrayList<>();
    wire.add(new UserAgent(b.userAgent));
    b.interceptors.forEach(i -> wire.add(new UserInterceptor(i)));
    Step.Chain once = Step.Chain.of(wire, this::transmit);
    Step retry = new Retry(b.retryPolicy, b.clock, b.sleeper, b.random);
    Step.Chain retried = Step.Chain.of(List.of(retry), once);
    this.schemeSelection = new SchemeSelection(sessions, access, retried, once);
    Authentication authentication =
        new Authentication(
            sessions, access, new TokenFetcher(retried, b.clock, b.offlineAccess), b.clock);
    List<Step> steps =
        List.of(
            new FailureMapping(), schemeSelection, authentication, retry, new Redirects(sessions));
    this.chain = Step.Chain.of(steps, once);
  }

  /** A builder sending through {@code transport}. */
  public static Builder builder(HttpTransport transport) {
    return new Builder(transport);
  }

  /**
   * Sends {@code call} through every step and returns the final response, whatever its status:
   * mapping statuses is the caller's business, because the same status means different things per
   * endpoint (a 404 on HEAD blob is an answer, not an error). The caller closes the response.
   *
   * @throws RegistryException (and its subtypes) naming {@link Call#operation()} when the pipeline
   *     itself gives up: authentication refused, 429s outlasting the retries, the registry
   *     unreachable, TLS
   */
  @Override
  public HttpResponse send(Call call) throws IOException {
    return chain.proceed(call);
  }

  /**
   * The absolute URI of the response's {@code Location}, resolved against the URI that answered and
   * required to stay on the registry (SSRF protection: a registry, or something between it and the
   * client, must not point the upload, and its credentials, at another host); empty when there is
   * none.
   *
   * @throws RegistryException when it is malformed or points elsewhere
   */
  @Override
  public Optional<URI> location(Call call, HttpResponse response) throws RegistryException {
    Optional<String> location = response.headers().firstValue(Headers.LOCATION);
    if (location.map(String::isBlank).orElse(true)) {
      return Optional.empty();
    }
    URI resolved;
    try {
      resolved = response.uri().resolve(new URI(location.get().trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new RegistryException(
          call.operation(), "the registry sent a malformed Location header");
    }
    Sessions.Session session = sessions.of(call.registry());
    URI base = session.base;
    RedirectPolicy.checkOnRegistry(
        call.operation(), session.name, resolved, base == null ? response.uri() : base);
    return Optional.of(resolved);
  }

  /**
   * The base URI ({@code https://host:port}) the client uses for {@code registry}, deciding the
   * scheme (with a {@code GET /v2/}) on first use.
   */
  public URI baseUri(String registry) throws IOException {
    return schemeSelection.base(sessions.of(registry), "GET " + registry + "/v2/");
  }

  /**
   * The newest refresh token the token endpoint of {@code registry} issued: one asked for with
   * {@link Builder#offlineAccess}, or the rotation of a configured identity token; empty when none
   * was.
   */
  public Optional<String> refreshToken(String registry) {
    return sessions.of(registry).refreshToken;
  }

  /**
   * The last link: the transport, told to skip certificate verification for an insecure registry's
   * own API host and port only.
   */
  private HttpResponse transmit(Call call) throws IOException {
    HttpRequest request = call.request();
    LOG.debug("--> {}", request);
    HttpResponse response =
        access.skipsVerification(request.uri())
            ? transport.sendUnverified(request)
            : transport.send(request);
    LOG.debug("<-- {} {}", response.status(), request);
    return response;
  }

  /** Closes the transport. */
  @Override
  public void close() throws IOException {
    transport.close();
  }

  @Override
  public String toString() {
    return "Pipeline[registries=" + sessions + "]";
  }

  /** Builds a {@link Pipeline}. Not thread-safe. */
  public static final class Builder {
    private final HttpTransport transport;
    private CredentialProvider credentials = registry -> Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final List<String> plainHttp = new ArrayList<>();
    private final List<String> insecure = new ArrayList<>();
    private boolean credentialsOverPlainHttp;
    private boolean offlineAccess;
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
      plainHttp.addAll(registries);
      return this;
    }

    /**
     * Registries (as in references, {@code host:port}) tried over HTTPS without certificate or
     * host-name verification, then over plain HTTP; credentials may go to them.
     */
    public Builder insecureRegistries(Collection<String> registries) {
      insecure.addAll(registries);
      return this;
    }

    /** Whether credentials may be sent over plain HTTP to non-loopback hosts; false by default. */
    public Builder credentialsOverPlainHttp(boolean value) {
      this.credentialsOverPlainHttp = value;
      return this;
    }

    /**
     * Whether token requests with a user name and password ask for offline access, a refresh token
     * ({@link #refreshToken}), as {@code docker login} does; false by default.
     */
    public Builder offlineAccess(boolean value) {
      this.offlineAccess = value;
      return this;
    }

    /** The {@code User-Agent} header. */
    public Builder userAgent(String value) {
      this.userAgent = Objects.requireNonNull(value, "userAgent");
      return this;
    }

    /**
     * Adds an interceptor, run on every request (each redirect hop, token requests and pings too)
     * after authentication.
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
    public Pipeline build() {
      return new Pipeline(this);
    }
  }
}
