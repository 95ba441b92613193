package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.errors.PlainHttpRegistryException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.distribution.Headers;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scheme selection, once per registry, with a {@code GET /v2/} that also tells {@link
 * Authentication} the registry's challenge:
 *
 * <ul>
 *   <li>HTTPS with certificate verification by default;
 *   <li>plain HTTP for registries the caller named plain HTTP ({@link InsecureAccess});
 *   <li>for loopback registries (core's {@code Registry.isLoopback()}) and registries the caller
 *       named insecure (tried with certificate verification skipped, {@link InsecureAccess}), plain
 *       HTTP when the TLS handshake fails, or stalls while a plain {@code GET /v2/} on the same
 *       port gets a real answer (as Docker does);
 *   <li>never plain HTTP after a certificate that fails verification, unless the registry was named
 *       insecure: that is a {@link RegistryTlsException}; any other registry that speaks only plain
 *       HTTP is a {@link PlainHttpRegistryException}.
 * </ul>
 *
 * <p>Then every call's target becomes absolute on the chosen base; an absolute target the registry
 * handed out must be on the registry ({@link RedirectPolicy#checkOnRegistry}).
 */
final class SchemeSelection implements Step {
  /** How long a TLS handshake may take before plain HTTP is tried alongside on the same port. */
  private static final Duration TLS_PATIENCE = Duration.ofMillis(750);

  private final Sessions sessions;
  private final InsecureAccess access;
  private final Chain retried;
  private final Chain once;

  /**
   * @param retried sends a ping with the retry rule
   * @param once sends a ping exactly once (a probe where the other scheme is the next step)
   */
  SchemeSelection(Sessions sessions, InsecureAccess access, Chain retried, Chain once) {
    this.sessions = sessions;
    this.access = access;
    this.retried = retried;
    this.once = once;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    Sessions.Session session = sessions.of(call.registry());
    URI base = base(session, call.operation());
    if (!call.target().isAbsolute()) {
      return next.proceed(call.withTarget(base.resolve(call.target())));
    }
    RedirectPolicy.checkOnRegistry(call.operation(), session.name, call.target(), base);
    return next.proceed(call);
  }

  /** The base URI ({@code scheme://host:port}) of {@code session}, decided on first use. */
  URI base(Sessions.Session session, String operation) throws IOException {
    URI known = session.base;
    if (known != null) {
      return known;
    }
    synchronized (session) {
      known = session.base;
      if (known == null) {
        known = decide(session, operation);
        session.base = known;
      }
      return known;
    }
  }

  private URI decide(Sessions.Session session, String operation) throws IOException {
    String authority = session.authority;
    URI http = URI.create("http://" + authority);
    if (access.plainHttpOnly(session)) {
      learnChallenge(session, ping(session, operation, http, retried));
      return http;
    }
    URI https = URI.create("https://" + authority);
    boolean loopback = session.name.isLoopback();
    boolean insecure = access.isInsecure(session);
    // Where plain HTTP may follow a failed handshake, the handshake is not retried: the plain-HTTP
    // probe is the next step.
    boolean mayFallBack = loopback || insecure;
    // A race needs both schemes on one port: otherwise another server (a web server on port 80
    // that redirects to HTTPS) could answer the plain probe while the registry's handshake is slow.
    boolean race = loopback || insecure && session.name.port().isPresent();
    HttpResponse answer;
    try {
      if (race) {
        Answer raced = race(session, operation, https, http);
        if (raced.base().equals(http)) {
          Pipeline.LOG.debug("{} answers plain HTTP; using it", authority);
          learnChallenge(session, raced.response());
          return http;
        }
        answer = raced.response();
      } else {
        answer = ping(session, operation, https, mayFallBack ? once : retried);
      }
    } catch (RegistryException e) {
      throw e;
    } catch (IOException e) {
      if (FailureMapping.isVerificationFailure(e) && !insecure) {
        throw new RegistryTlsException(
            operation,
            "the TLS certificate of "
                + authority
                + " is not trusted ("
                + FailureMapping.safeMessage(e)
                + "). Give the client the registry's CA certificate"
                + " (ApacheHttpTransport.builder().trustedCertificates(...)), or, only if the"
                + " network to it is trusted, skip verification for it:"
                + " RegistryClient.builder().insecureRegistries(Registry.parse(\""
                + session.registry
                + "\")); the client never falls back to plain HTTP for a certificate problem",
            e);
      }
      // A handshake that failed without a certificate problem (an unrecognised record, a reset, a
      // server waiting for a request line until the timeout) may mean the server speaks plain
      // HTTP. Confirm with a plain request rather than guess from exception texts.
      boolean maybePlain = FailureMapping.isSsl(e) || mayFallBack && FailureMapping.isRetryable(e);
      if (!maybePlain) {
        throw FailureMapping.unreachable(operation, authority, e);
      }
      HttpResponse plain;
      try {
        plain = ping(session, operation, http, once);
      } catch (IOException plainFailure) {
        e.addSuppressed(plainFailure);
        throw handshakeFailure(operation, authority, e);
      }
      if (plain.status() == 400 && FailureMapping.isSsl(e)) {
        // What TLS servers answer a plain request: the registry speaks TLS, and the handshake
        // failed (a transport that cannot skip verification for an insecure registry, say).
        Responses.discard(plain);
        throw handshakeFailure(operation, authority, e);
      }
      if (!mayFallBack) {
        plain.close();
        throw new PlainHttpRegistryException(
            operation,
            authority
                + " speaks plain HTTP, not HTTPS. Only if the network to it is trusted, allow"
                + " plain HTTP for it explicitly: RegistryClient.builder().plainHttp("
                + "Registry.parse(\""
                + session.registry
                + "\"))",
            e);
      }
      Pipeline.LOG.debug("{} does not speak TLS; using plain HTTP", authority);
      learnChallenge(session, plain);
      return http;
    }
    learnChallenge(session, answer);
    return https;
  }

  private static RegistryException handshakeFailure(
      String operation, String authority, IOException e) {
    return FailureMapping.isSsl(e)
        ? new RegistryTlsException(
            operation,
            "the TLS handshake with " + authority + " failed: " + FailureMapping.safeMessage(e),
            e)
        : FailureMapping.unreachable(operation, authority, e);
  }

  /** The answer to a ping, and on which base it came. */
  private record Answer(URI base, HttpResponse response) {}

  /**
   * Pings a registry over HTTPS, and over plain HTTP on the same port when the handshake is slow. A
   * TLS server on loopback or a near network completes a handshake in milliseconds; when the
   * handshake stalls instead (a plain-HTTP server waiting for a request line that the ClientHello
   * never completes), a plain {@code GET /v2/} is tried meanwhile, and a real HTTP answer to it
   * (not the 400 that TLS servers give plain requests) settles the question.
   *
   * @throws IOException the TLS attempt's failure
   */
  private Answer race(Sessions.Session session, String operation, URI https, URI http)
      throws IOException {
    CompletableFuture<HttpResponse> tls = new CompletableFuture<>();
    Thread attempt =
        new Thread(
            () -> {
              try {
                tls.complete(ping(session, operation, https, once));
              } catch (Throwable t) {
                tls.completeExceptionally(t);
              }
            },
            "registrykit-tls-probe");
    attempt.setDaemon(true);
    attempt.start();
    try {
      try {
        return new Answer(https, tls.get(TLS_PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException stalled) {
        HttpResponse plain;
        try {
          plain = ping(session, operation, http, once);
        } catch (IOException notPlain) {
          plain = null;
        }
        if (plain != null && plain.status() != 400) {
          tls.whenComplete(
              (r, t) -> {
                if (r != null) {
                  Responses.discard(r);
                }
              });
          return new Answer(http, plain);
        }
        if (plain != null) {
          Responses.discard(plain);
        }
        return new Answer(https, tls.get());
      }
    } catch (ExecutionException e) {
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
      throw new InterruptedIOException("interrupted while connecting to " + session.authority);
    }
  }

  private static HttpResponse ping(
      Sessions.Session session, String operation, URI base, Chain chain) throws IOException {
    HttpRequest request = HttpRequest.of("GET", base.resolve("/v2/"), HttpHeaders.empty());
    return chain.proceed(Call.of(session.registry, request, operation));
  }

  private static void learnChallenge(Sessions.Session session, HttpResponse ping) {
    if (ping.status() == 401) {
      session.challenge =
          Authentication.usable(
              Challenge.parseAll(ping.headers().allValues(Headers.WWW_AUTHENTICATE)));
    }
    Responses.discard(ping);
  }
}
