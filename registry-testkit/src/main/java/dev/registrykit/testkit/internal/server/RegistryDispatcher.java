package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.EndpointFamily;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.BlobContent;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Headers;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The fake registry's one dispatcher: route (parsed once) → token endpoint or authentication →
 * read-only check → faults → the handler of the endpoint's family → body faults → journal.
 *
 * <p>Faults apply after authentication so that "the next N requests" counts requests the registry
 * would have served, not the 401s of a bearer handshake.
 *
 * <p>{@code Expect: 100-continue} is not answered with {@code 100 Continue}: mockwebserver decides
 * interim responses before the headers are known and would send them before every answer, which
 * changes how clients retry (the JDK client no longer retries a GET whose connection dropped).
 * Clients that send the expectation proceed after their own wait (curl: 1 s).
 */
final class RegistryDispatcher extends Dispatcher {
  /** The answer to {@link #peek()} for a request whose body the connection's tap receives. */
  private static final MockResponse BODY_RECEIVED_BY_TAP = new MockResponse.Builder().doNotReadRequestBody().build();

  private static final Set<Fault.Kind> REPLACING =
      EnumSet.of(Fault.Kind.STATUS, Fault.Kind.TOO_MANY_REQUESTS, Fault.Kind.DROP_CONNECTION);
  private static final Set<Fault.Kind> BODY =
      EnumSet.of(
          Fault.Kind.DROP_MID_BODY,
          Fault.Kind.SLOW_BODY,
          Fault.Kind.TRUNCATED_BODY,
          Fault.Kind.WRONG_DIGEST,
          Fault.Kind.REDIRECT_BLOBS);

  private final ServerSettings settings;
  private final Authorizer authorizer;
  private final FaultPlan faults;
  private final Map<EndpointFamily, Handler> handlers = new EnumMap<>(EndpointFamily.class);
  private final List<RecordedExchange> journal = Collections.synchronizedList(new ArrayList<>());
  private final Function<Digest, String> redirectTarget;
  private final Runnable afterEachRequest;

  RegistryDispatcher(
      ServerSettings settings,
      RegistryStorage storage,
      Authorizer authorizer,
      FaultPlan faults,
      Function<Digest, String> redirectTarget,
      Runnable afterEachRequest) {
    this.settings = settings;
    this.afterEachRequest = afterEachRequest;
    this.authorizer = authorizer;
    this.faults = faults;
    this.redirectTarget = redirectTarget;
    handlers.put(EndpointFamily.BASE, new BaseHandler());
    handlers.put(EndpointFamily.BLOBS, new BlobHandler(storage));
    handlers.put(EndpointFamily.UPLOADS, new UploadHandler(storage));
    handlers.put(EndpointFamily.MANIFESTS, new ManifestHandler(storage, settings.referrers()));
    handlers.put(EndpointFamily.TAGS, new TagListHandler(storage));
    handlers.put(EndpointFamily.CATALOG, new CatalogHandler(storage));
    handlers.put(EndpointFamily.REFERRERS, new ReferrersHandler(storage, settings.referrers()));
  }

  List<RecordedExchange> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  void clearJournal() {
    journal.clear();
  }

  /**
   * mockwebserver asks this after reading each request head, on the connection's thread: a body the
   * connection's {@link BodyTap} will receive itself must not be read by mockwebserver.
   */
  @Override
  public MockResponse peek() {
    return BodyTap.offersBody() ? BODY_RECEIVED_BY_TAP : super.peek();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      BodyTap.Received received;
      try {
        // First, whatever the request turns out to be: a body the tap offered to receive is read
        // completely (as mockwebserver would have), and the thread's state is cleared.
        received = BodyTap.receive(request.getExchangeIndex());
      } catch (IOException e) {
        // The client went away in the body; mockwebserver would not have dispatched the request.
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false)).build();
      } catch (OutOfMemoryError e) {
        // The upload does not fit in this JVM's heap. What was received is garbage again, so the
        // fake can answer, and must: a client left without an answer waits for ever. The rest of
        // the body is unread, so the connection is closed after the answer.
        return outOfMemory(request);
      }
      return serve(request, received);
    } finally {
      afterEachRequest.run();
    }
  }

  private MockResponse outOfMemory(RecordedRequest request) {
    long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    RegistryProblem problem =
        RegistryProblem.of(
            500,
            ErrorCode.UNKNOWN,
            "the fake registry's heap (" + maxMiB + " MiB) cannot hold this upload; it keeps every blob in memory: run it with a larger -Xmx");
    Route route = RouteParser.parse(request.getMethod(), request.getUrl(), settings.auth() == AuthMode.TOKEN);
    return toResponse(route, Reply.problem(problem).header("Connection", "close"), null)
        .newBuilder()
        .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
        .build();
  }

  private MockResponse serve(RecordedRequest request, BodyTap.Received received) {
    Route route = RouteParser.parse(request.getMethod(), request.getUrl(), settings.auth() == AuthMode.TOKEN);
    Reply reply;
    Fault applied = null;
    try {
      if (route.endpoint().isEmpty()) {
        if (route.knownPath()) {
          throw RegistryProblem.of(405, ErrorCode.UNSUPPORTED, "method " + route.method() + " not allowed on " + route.path());
        }
        throw RegistryProblem.of(404, ErrorCode.UNSUPPORTED, "unknown route: " + route.method() + " " + Problems.shorten(route.path()));
      }
      Endpoint endpoint = route.requireEndpoint();
      if (route.repository().isPresent() && !RouteParser.validName(route.repo())) {
        throw RegistryProblem.of(400, ErrorCode.NAME_INVALID, "invalid repository name: " + Problems.shorten(route.repo()));
      }
      Access access = Access.ALL;
      if (endpoint != Endpoint.TOKEN) {
        access = authorizer.authorize(route, request.getHeaders());
      }
      Optional<Fault> replacing = faults.take(endpoint, route.repository(), REPLACING);
      if (replacing.isPresent()) {
        applied = replacing.get();
        reply = withFaultHeaders(faultReply(applied), applied);
      } else if (endpoint == Endpoint.TOKEN) {
        ByteString body = request.getBody();
        reply = authorizer.issueToken(route, request.getHeaders(), body == null ? "" : body.string(StandardCharsets.UTF_8));
      } else {
        if (settings.readOnly() && route.isWrite()) {
          throw RegistryProblem.of(405, ErrorCode.UNSUPPORTED, "the registry is read-only");
        }
        reply = handlers.get(endpoint.family()).handle(new Call(request, route, access, received));
      }
    } catch (RegistryProblem problem) {
      reply = Reply.problem(problem);
    } catch (RuntimeException bug) {
      // A bug in the fake must surface as an answer a test can see, not as a dropped connection.
      reply = Reply.problem(RegistryProblem.of(500, ErrorCode.UNKNOWN, "fake registry error: " + bug));
    }
    Fault bodyFault = null;
    if (applied == null && route.endpoint().isPresent() && (reply.status == 200 || reply.status == 206) && reply.hasBody()) {
      bodyFault = faults.take(route.requireEndpoint(), route.repository(), BODY).orElse(null);
      if (bodyFault != null && bodyFault.kind() == Fault.Kind.REDIRECT_BLOBS && route.requireEndpoint() != Endpoint.END_2) {
        bodyFault = null;
      }
      applied = bodyFault;
    }
    if (route.endpoint().isPresent()) {
      for (Fault.Kind addition : List.of(Fault.Kind.WARNING, Fault.Kind.HEADERS)) {
        Optional<Fault> added = faults.take(route.requireEndpoint(), route.repository(), EnumSet.of(addition));
        if (added.isPresent()) {
          if (added.get().warning().isPresent()) {
            reply.header("Warning", "299 - \"" + added.get().warning().get() + "\"");
          }
          withFaultHeaders(reply, added.get());
          if (applied == null) {
            applied = added.get();
          }
        }
      }
    }
    if (applied != null && applied.kind() == Fault.Kind.DROP_CONNECTION) {
      record(request, received, route, 0, reply, applied);
      return new MockResponse.Builder()
          .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
          .build();
    }
    MockResponse response = toResponse(route, reply, bodyFault);
    record(request, received, route, response.getCode(), reply, applied);
    return response;
  }

  private static Reply withFaultHeaders(Reply reply, Fault fault) {
    List<String> headers = fault.headers();
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      reply.header(headers.get(i), headers.get(i + 1));
    }
    return reply;
  }

  private Reply faultReply(Fault fault) {
    switch (fault.kind()) {
      case TOO_MANY_REQUESTS:
        return Reply.problem(
            RegistryProblem.of(429, ErrorCode.TOOMANYREQUESTS, "too many requests")
                .header("Retry-After", fault.retryAfter().orElse("1")));
      case DROP_CONNECTION:
        return Reply.status(503);
      default:
        int status = fault.status();
        ErrorCode code = status == 503 ? ErrorCode.UNAVAILABLE : status == 429 ? ErrorCode.TOOMANYREQUESTS : ErrorCode.UNKNOWN;
        return Reply.problem(RegistryProblem.of(status, code, "injected fault: HTTP " + status));
    }
  }

  private MockResponse toResponse(Route route, Reply reply, @Nullable Fault bodyFault) {
    MockResponse.Builder b = new MockResponse.Builder().code(reply.status);
    reply.headers.set("Docker-Distribution-API-Version", "registry/2.0");
    if (bodyFault != null && bodyFault.kind() == Fault.Kind.REDIRECT_BLOBS) {
      Digest digest = Digest.parse(route.parameter());
      return b.code(307)
          .headers(new Headers.Builder().add("Docker-Distribution-API-Version", "registry/2.0").build())
          .setHeader("Location", redirectTarget.apply(digest))
          .setHeader("Content-Length", 0)
          .build();
    }
    b.headers(reply.headers.build());
    BlobContent body = reply.body;
    if (body != null && route.method().equals("HEAD")) {
      // A HEAD answer carries the headers of the body it would have, never the body (RFC 9110 §9.3.2).
      reply.headLength = body.size();
      body = null;
    }
    if (body != null) {
      if (bodyFault == null) {
        b.body(new ContentBody(body));
      } else {
        switch (bodyFault.kind()) {
          case WRONG_DIGEST:
            b.body(new ContentBody(withWrongDigest(body)));
            break;
          case TRUNCATED_BODY:
            b.body(new ContentBody(body.slice(0, body.size() / 2)));
            b.setHeader("Content-Length", body.size());
            b.onResponseEnd(new SocketEffect.CloseSocket(true, false, false));
            break;
          case DROP_MID_BODY:
            b.body(new ContentBody(body));
            b.onResponseBody(new SocketEffect.CloseSocket(true, false, false));
            break;
          case SLOW_BODY:
            b.body(new ContentBody(body));
            long perTenth = Math.max(1, bodyFault.bytesPerSecond() / 10);
            b.throttleBody(perTenth, 100, TimeUnit.MILLISECONDS);
            break;
          default:
            b.body(new ContentBody(body));
        }
      }
    } else if (reply.headLength >= 0) {
      b.setHeader("Content-Length", reply.headLength);
    } else {
      b.setHeader("Content-Length", 0);
    }
    return b.build();
  }

  private void record(RecordedRequest request, BodyTap.Received received, Route route, int status, Reply reply, @Nullable Fault fault) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Headers h = request.getHeaders();
    for (String name : h.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>(h.values(name));
      if (lower.equals("authorization") || lower.equals("proxy-authorization")) {
        values.replaceAll(v -> RecordedExchange.REDACTED);
      }
      headers.put(lower, values);
    }
    String query = request.getUrl().encodedQuery();
    RecordedExchange exchange =
        new RecordedExchange(
            route.endpoint(),
            route.method(),
            route.path(),
            Optional.ofNullable(query),
            route.repository(),
            status,
            reply.errorCode(),
            headers,
            received.body().map(BlobContent::size).orElse(request.getBodySize()),
            Optional.ofNullable(fault).map(Fault::kind));
    journal.add(exchange);
    settings.listener().accept(exchange);
  }

  /**
   * The same size with the last byte flipped, sharing every other byte with the stored blob instead
   * of copying it. Body faults only apply to non-empty bodies ({@link Reply#hasBody()}).
   */
  private static BlobContent withWrongDigest(BlobContent body) {
    byte last = body.slice(body.size() - 1, 1).toByteArray()[0];
    return body.slice(0, body.size() - 1).concat(BlobContent.of(new byte[] {(byte) (last ^ 0x01)}));
  }
}
