package dev.registrykit.testkit;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A failure the fake registry injects into the next {@link #times()} matching requests, for testing
 * clients under failure.
 *
 * <p>Create one with a static factory, then narrow it:
 *
 * <pre>{@code
 * registry.inject(Fault.status(503).on(EndpointFamily.BLOBS).forRepository("team/app").times(2));
 * registry.inject(Fault.tooManyRequests(Duration.ofSeconds(1)).on(Endpoint.END_7A));
 * registry.inject(Fault.redirectBlobs().always());
 * registry.inject(Fault.headers("RateLimit-Limit", "100;w=21600", "RateLimit-Remaining", "99;w=21600").always());
 * registry.inject(Fault.tooManyRequests(Duration.ofSeconds(60)).withHeaders("RateLimit-Remaining", "0;w=21600"));
 * }</pre>
 *
 * <p>Faults are tried in the order they were injected; the first that matches a request and has
 * uses left is applied and uses one up. They apply after authentication, so the count is of
 * requests the registry would otherwise have served (token endpoint faults apply to the token
 * endpoint). A fault that alters a body (slow, truncated, wrong digest, dropped mid-body, redirect)
 * only applies, and is only used up, by a successful response that has a body (a blob or manifest
 * {@code GET}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Fault {

  /** What a fault does. */
  public enum Kind {
    /** Answer with a status (500, 502, 503 …) and a JSON error body instead of serving. */
    STATUS,
    /** Answer {@code 429 TOOMANYREQUESTS} with a {@code Retry-After} header. */
    TOO_MANY_REQUESTS,
    /** Close the connection without answering. */
    DROP_CONNECTION,
    /** Send the headers and part of the body, then close the connection. */
    DROP_MID_BODY,
    /** Send the body slowly (throttled). */
    SLOW_BODY,
    /** Announce the full {@code Content-Length} but send only half of the body, then close. */
    TRUNCATED_BODY,
    /** Send a body of the right size whose last byte is altered, so its digest is wrong. */
    WRONG_DIGEST,
    /**
     * Answer blob {@code GET}s with {@code 307} to the fake's second server, which serves the bytes
     * (as S3-backed registries do).
     */
    REDIRECT_BLOBS,
    /** Add a {@code Warning: 299 - "…"} header to the normal answer. */
    WARNING,
    /**
     * Add {@link #headers()} to the normal answer (e.g. Docker Hub's {@code RateLimit-*} headers).
     */
    HEADERS
  }

  private final Kind kind;
  private final int status;
  private final Optional<String> retryAfter;
  private final long bytesPerSecond;
  private final Optional<String> warning;
  private final Set<Endpoint> endpoints;
  private final Set<EndpointFamily> families;
  private final Optional<String> repository;
  private final int times;
  private final List<String> headers;

  private Fault(
      Kind kind,
      int status,
      Optional<String> retryAfter,
      long bytesPerSecond,
      Optional<String> warning,
      Set<Endpoint> endpoints,
      Set<EndpointFamily> families,
      Optional<String> repository,
      int times,
      List<String> headers) {
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
    this.bytesPerSecond = bytesPerSecond;
    this.warning = warning;
    this.endpoints = Set.copyOf(endpoints);
    this.families = Set.copyOf(families);
    this.repository = repository;
    this.times = times;
    this.headers = List.copyOf(headers);
  }

  private static Fault of(Kind kind, int status) {
    return new Fault(
        kind,
        status,
        Optional.empty(),
        0,
        Optional.empty(),
        Set.of(),
        Set.of(),
        Optional.empty(),
        1,
        List.of());
  }

  /**
   * Answer with {@code status} (e.g. 500, 502, 503) and a JSON error body.
   *
   * @param status an HTTP status from 400 to 599
   * @return a fault for the next request of any endpoint
   * @throws IllegalArgumentException for other statuses
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 4xx or 5xx: " + status);
    }
    return of(Kind.STATUS, status);
  }

  /**
   * Answer {@code 429} with {@code Retry-After: <seconds>}.
   *
   * @param retryAfter the delay to announce, rounded down to whole seconds
   * @return the fault
   */
  public static Fault tooManyRequests(Duration retryAfter) {
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("negative Retry-After");
    }
    Fault f = of(Kind.TOO_MANY_REQUESTS, 429);
    return f.with(Optional.of(Long.toString(retryAfter.getSeconds())), f.warning, f.bytesPerSecond);
  }

  /**
   * Answer {@code 429} with {@code Retry-After} as an HTTP date (RFC 9110 {@code IMF-fixdate}).
   *
   * @param when the instant to announce
   * @return the fault
   */
  public static Fault tooManyRequestsUntil(ZonedDateTime when) {
    Fault f = of(Kind.TOO_MANY_REQUESTS, 429);
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(when.withZoneSameInstant(ZoneOffset.UTC));
    return f.with(Optional.of(date), f.warning, f.bytesPerSecond);
  }

  /**
   * Close the connection before answering.
   *
   * @return the fault
   */
  public static Fault dropConnection() {
    return of(Kind.DROP_CONNECTION, 0);
  }

  /**
   * Send the headers and part of the body, then close the connection.
   *
   * @return the fault
   */
  public static Fault dropConnectionMidBody() {
    return of(Kind.DROP_MID_BODY, 0);
  }

  /**
   * Throttle the body to about {@code bytesPerSecond}.
   *
   * @param bytesPerSecond a positive rate
   * @return the fault
   */
  public static Fault slowBody(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("bytesPerSecond must be positive");
    }
    Fault f = of(Kind.SLOW_BODY, 0);
    return f.with(f.retryAfter, f.warning, bytesPerSecond);
  }

  /**
   * Announce the full length, send half of the body, then close the connection.
   *
   * @return the fault
   */
  public static Fault truncatedBody() {
    return of(Kind.TRUNCATED_BODY, 0);
  }

  /**
   * Send a body of the right size with its last byte altered.
   *
   * @return the fault
   */
  public static Fault wrongDigest() {
    return of(Kind.WRONG_DIGEST, 0);
  }

  /**
   * Redirect blob {@code GET}s ({@link Endpoint#END_2}) with {@code 307} to the second server.
   *
   * @return the fault
   */
  public static Fault redirectBlobs() {
    return of(Kind.REDIRECT_BLOBS, 307).on(Endpoint.END_2);
  }

  /**
   * Add {@code Warning: 299 - "<text>"} to the normal answer.
   *
   * @param text the warning text (no double quotes)
   * @return the fault
   */
  public static Fault warning(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('"') >= 0 || text.length() > 1024) {
      throw new IllegalArgumentException("warning text must be short and contain no double quote");
    }
    Fault f = of(Kind.WARNING, 0);
    return f.with(f.retryAfter, Optional.of(text), f.bytesPerSecond);
  }

  /**
   * Add headers to the normal answer (for Docker Hub's rate-limit headers, {@link
   * #rateLimitHeaders(int, int, Duration, String)}).
   *
   * @param namesAndValues header names and values, alternating
   * @return the fault
   */
  public static Fault headers(String... namesAndValues) {
    return of(Kind.HEADERS, 0).withHeaders(namesAndValues);
  }

  /**
   * The same fault with {@code namesAndValues} added to the answer it gives: a {@link
   * Kind#TOO_MANY_REQUESTS} or {@link Kind#STATUS} answer, or the normal answer for {@link
   * Kind#HEADERS}.
   *
   * @param namesAndValues header names and values, alternating; no line breaks
   * @return a new fault
   */
  public Fault withHeaders(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("header names and values must alternate");
    }
    List<String> all = new ArrayList<>(headers);
    for (String s : namesAndValues) {
      Objects.requireNonNull(s, "header name or value");
      if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header names and values must not contain line breaks");
      }
      all.add(s);
    }
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        families,
        repository,
        times,
        all);
  }

  /**
   * Add Docker Hub's rate-limit headers to the normal answer; see {@link #withRateLimitHeaders(int,
   * int, Duration, String)}.
   *
   * @param limit pulls allowed per window
   * @param remaining pulls left in the current window
   * @param window the window, in whole seconds (Docker Hub's is 6 hours)
   * @param source who is counted: an IP address (anonymous) or an account ID
   * @return the fault
   */
  public static Fault rateLimitHeaders(int limit, int remaining, Duration window, String source) {
    return of(Kind.HEADERS, 0).withRateLimitHeaders(limit, remaining, window, source);
  }

  /**
   * The same fault with Docker Hub's rate-limit headers added ({@code RateLimit-Limit} and {@code
   * RateLimit-Remaining} with the window, {@code Docker-RateLimit-Source}), as Docker Hub sends
   * them with manifest answers and its 429s.
   *
   * @param limit pulls allowed per window
   * @param remaining pulls left in the current window
   * @param window the window, in whole seconds (Docker Hub's is 6 hours)
   * @param source who is counted: an IP address (anonymous) or an account ID
   * @return a new fault
   */
  public Fault withRateLimitHeaders(int limit, int remaining, Duration window, String source) {
    String w = ";w=" + window.toSeconds();
    return withHeaders(
        "RateLimit-Limit",
        limit + w,
        "RateLimit-Remaining",
        remaining + w,
        "Docker-RateLimit-Source",
        source);
  }

  /**
   * The headers {@link #withHeaders} added: names and values, alternating.
   *
   * @return the list
   */
  public List<String> headers() {
    return headers;
  }

  private Fault with(Optional<String> retryAfter, Optional<String> warning, long bytesPerSecond) {
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        families,
        repository,
        times,
        headers);
  }

  /**
   * The same fault, only for {@code endpoints} (added to any endpoints or families already named).
   *
   * @param endpoints the endpoints
   * @return a new fault
   */
  public Fault on(Endpoint... endpoints) {
    Set<Endpoint> set = EnumSet.noneOf(Endpoint.class);
    set.addAll(this.endpoints);
    set.addAll(Set.of(endpoints));
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        set,
        families,
        repository,
        times,
        headers);
  }

  /**
   * The same fault, only for endpoints of {@code families} (added to any already named).
   *
   * @param families the families
   * @return a new fault
   */
  public Fault on(EndpointFamily... families) {
    Set<EndpointFamily> set = EnumSet.noneOf(EndpointFamily.class);
    set.addAll(this.families);
    set.addAll(Set.of(families));
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        set,
        repository,
        times,
        headers);
  }

  /**
   * The same fault, only for requests to {@code repository}.
   *
   * @param repository a repository name
   * @return a new fault
   */
  public Fault forRepository(String repository) {
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        families,
        Optional.of(repository),
        times,
        headers);
  }

  /**
   * The same fault for the next {@code n} matching requests (the default is 1).
   *
   * @param n a positive count
   * @return a new fault
   */
  public Fault times(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("times must be positive: " + n);
    }
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        families,
        repository,
        n,
        headers);
  }

  /**
   * The same fault for every matching request until the registry is reset.
   *
   * @return a new fault
   */
  public Fault always() {
    return new Fault(
        kind,
        status,
        retryAfter,
        bytesPerSecond,
        warning,
        endpoints,
        families,
        repository,
        Integer.MAX_VALUE,
        headers);
  }

  /**
   * What the fault does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The status it answers with, for {@link Kind#STATUS}, {@link Kind#TOO_MANY_REQUESTS} and {@link
   * Kind#REDIRECT_BLOBS}; 0 otherwise.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The {@code Retry-After} value of a {@link Kind#TOO_MANY_REQUESTS} fault.
   *
   * @return seconds or an HTTP date
   */
  public Optional<String> retryAfter() {
    return retryAfter;
  }

  /**
   * The rate of a {@link Kind#SLOW_BODY} fault.
   *
   * @return bytes per second, 0 for other kinds
   */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /**
   * The text of a {@link Kind#WARNING} fault.
   *
   * @return the text
   */
  public Optional<String> warning() {
    return warning;
  }

  /**
   * The endpoints it is limited to; empty (with empty {@link #families()}) means every endpoint.
   *
   * @return endpoints
   */
  public Set<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * The endpoint families it is limited to.
   *
   * @return families
   */
  public Set<EndpointFamily> families() {
    return families;
  }

  /**
   * The repository it is limited to.
   *
   * @return the repository name, or empty for every repository
   */
  public Optional<String> repository() {
    return repository;
  }

  /**
   * How many matching requests it applies to ({@link Integer#MAX_VALUE} for {@link #always()}).
   *
   * @return the count
   */
  public int times() {
    return times;
  }

  /**
   * Whether the fault targets a request to {@code endpoint} in {@code repository}.
   *
   * @param endpoint the endpoint of the request
   * @param requestRepository the repository of the request, or empty
   * @return whether it matches
   */
  public boolean matches(Endpoint endpoint, Optional<String> requestRepository) {
    boolean endpointMatches =
        (endpoints.isEmpty() && families.isEmpty())
            || endpoints.contains(endpoint)
            || families.contains(endpoint.family());
    boolean repositoryMatches = repository.isEmpty() || repository.equals(requestRepository);
    return endpointMatches && repositoryMatches;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Fault[").append(kind);
    if (status != 0) {
      s.append(' ').append(status);
    }
    retryAfter.ifPresent(r -> s.append(" Retry-After=").append(r));
    if (!endpoints.isEmpty()) {
      s.append(" on ").append(endpoints);
    }
    if (!families.isEmpty()) {
      s.append(" on ").append(families);
    }
    repository.ifPresent(r -> s.append(" repo=").append(r));
    s.append(times == Integer.MAX_VALUE ? " always" : " x" + times).append(']');
    return s.toString();
  }
}
