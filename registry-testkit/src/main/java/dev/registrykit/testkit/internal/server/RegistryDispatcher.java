package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.EndpointFamily;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredContent;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The fake registry's one dispatcher: route (parsed once) → token endpoint or authentication →
 * read-only check → faults → the handler of the endpoint's family → body faults → journal.
 *
 * <p>Faults apply after authentication so that "the next N requests" counts requests the registry
 * would have served, not the 401s of a bearer handshake.
 *
 * <p>Thread-safe: requests are dispatched concurrently on the server's threads.
 */
final class RegistryDispatcher {
  private static final Set<Fault.Kind> REPLACING =
      EnumSet.of(Fault.Kind.STATUS, Fault.Kind.TOO_MANY_REQUESTS, Fault.Kind.DROP_CONNECTION);
  private static final Set<Fault.Kind> BODY =
      EnumSet.of(
          Fault.Kind.DROP_MID_BODY,
          Fault.Kind.SLOW_BODY,
          Fault.Kind.TRUNCATED_BODY,
          Fault.Kind.WRONG_DIGEST,
          Fault.Kind.REDIRECT_BLOBS);

  /** The largest token request form accepted. */
  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final ServerSettings settings;
  private final Authorizer authorizer;
  private final FaultPlan faults;
  private final Map<EndpointFamily, Handler> handlers = new EnumMap<>(EndpointFamily.class);
  private final Journal journal;
  private final Function<Digest, String> redirectTarget;

  RegistryDispatcher(
      ServerSettings settings,
      RegistryStorage storage,
      Authorizer authorizer,
      FaultPlan faults,
      Function<Digest, String> redirectTarget) {
    this.settings = settings;
    this.authorizer = authorizer;
    this.faults = faults;
    this.redirectTarget = redirectTarget;
    this.journal = new Journal(settings.journalLimit());
    handlers.put(EndpointFamily.BASE, new BaseHandler());
    handlers.put(EndpointFamily.BLOBS, new BlobHandler(storage));
    handlers.put(EndpointFamily.UPLOADS, new UploadHandler(storage));
    handlers.put(EndpointFamily.MANIFESTS, new ManifestHandler(storage, settings.referrers()));
    handlers.put(EndpointFamily.TAGS, new TagListHandler(storage));
    handlers.put(EndpointFamily.CATALOG, new CatalogHandler(storage));
    handlers.put(EndpointFamily.REFERRERS, new ReferrersHandler(storage, settings.referrers()));
  }

  List<RecordedExchange> journal() {
    return journal.entries();
  }

  void clearJournal() {
    journal.clear();
  }

  /**
   * Answers one request. Never throws: a bug in the fake is a {@code 500} a test can see, a client
   * that went away mid-body gets its connection closed, and an upload that exhausts the heap is
   * answered {@code 500} naming {@code -Xmx} (what it received is garbage again by then).
   */
  Outgoing dispatch(Incoming request) {
    Route route =
        RouteParser.parse(
            request.method(), request.path(), request.query(), settings.auth() == AuthMode.TOKEN);
    try {
      return serve(request, route);
    } catch (UncheckedIOException clientGone) {
      record(request, route, 0, Optional.empty(), null);
      return Outgoing.dropped();
    } catch (OutOfMemoryError e) {
      return outOfMemory(request, route);
    }
  }

  private Outgoing outOfMemory(Incoming request, Route route) {
    long maxMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    RegistryProblem problem =
        RegistryProblem.of(
            500,
            ErrorCode.UNKNOWN,
            "the fake registry's heap ("
                + maxMiB
                + " MiB) cannot hold this upload; it keeps every blob in memory: run it with a larger -Xmx");
    Reply reply = Reply.problem(problem).header("Connection", "close");
    Outgoing out = toOutgoing(route, reply, null);
    record(request, route, out.status(), reply.errorCode(), null);
    return out;
  }

  private Outgoing serve(Incoming request, Route route) {
    Reply reply;
    Fault applied = null;
    try {
      if (route.endpoint().isEmpty()) {
        if (route.knownPath()) {
          throw RegistryProblem.of(
              405,
              ErrorCode.UNSUPPORTED,
              "method " + route.method() + " not allowed on " + route.path());
        }
        throw RegistryProblem.of(
            404,
            ErrorCode.UNSUPPORTED,
            "unknown route: " + route.method() + " " + Problems.shorten(route.path()));
      }
      Endpoint endpoint = route.requireEndpoint();
      if (route.repository().isPresent() && !RouteParser.validName(route.repo())) {
        throw RegistryProblem.of(
            400,
            ErrorCode.NAME_INVALID,
            "invalid repository name: " + Problems.shorten(route.repo()));
      }
      Access access = Access.ALL;
      if (endpoint != Endpoint.TOKEN) {
        access = authorizer.authorize(route, request.headers());
      }
      Optional<Fault> replacing = faults.take(endpoint, route.repository(), REPLACING);
      if (replacing.isPresent()) {
        applied = replacing.get();
        reply = withFaultHeaders(faultReply(applied), applied);
      } else if (endpoint == Endpoint.TOKEN) {
        String form =
            route.method().equals("POST")
                ? new String(
                    request.body().readAll(MAX_FORM_BYTES, ErrorCode.UNSUPPORTED, "token request"),
                    StandardCharsets.UTF_8)
                : "";
        reply = authorizer.issueToken(route, request.headers(), form);
      } else {
        if (settings.readOnly() && route.isWrite()) {
          throw RegistryProblem.of(405, ErrorCode.UNSUPPORTED, "the registry is read-only");
        }
        reply =
            Objects.requireNonNull(handlers.get(endpoint.family()), "every family has a handler")
                .handle(new RoutedRequest(route, access, request.headers(), request.body()));
      }
    } catch (RegistryProblem problem) {
      reply = Reply.problem(problem);
    } catch (RuntimeException bug) {
      if (bug instanceof UncheckedIOException) {
        throw bug;
      }
      // A bug in the fake must surface as an answer a test can see, not as a dropped connection.
      reply =
          Reply.problem(RegistryProblem.of(500, ErrorCode.UNKNOWN, "fake registry error: " + bug));
    }
    Fault bodyFault = null;
    if (applied == null
        && route.endpoint().isPresent()
        && (reply.status == 200 || reply.status == 206)
        && reply.hasBody()) {
      bodyFault = faults.take(route.requireEndpoint(), route.repository(), BODY).orElse(null);
      if (bodyFault != null
          && bodyFault.kind() == Fault.Kind.REDIRECT_BLOBS
          && route.requireEndpoint() != Endpoint.END_2) {
        bodyFault = null;
      }
      applied = bodyFault;
    }
    if (route.endpoint().isPresent()) {
      for (Fault.Kind addition : List.of(Fault.Kind.WARNING, Fault.Kind.HEADERS)) {
        Optional<Fault> added =
            faults.take(route.requireEndpoint(), route.repository(), EnumSet.of(addition));
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
      record(request, route, 0, reply.errorCode(), applied);
      return Outgoing.dropped();
    }
    Outgoing out = toOutgoing(route, reply, bodyFault);
    record(request, route, out.status(), reply.errorCode(), applied);
    return out;
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
        ErrorCode code =
            status == 503
                ? ErrorCode.UNAVAILABLE
                : status == 429 ? ErrorCode.TOOMANYREQUESTS : ErrorCode.UNKNOWN;
        return Reply.problem(RegistryProblem.of(status, code, "injected fault: HTTP " + status));
    }
  }

  private Outgoing toOutgoing(Route route, Reply reply, @Nullable Fault bodyFault) {
    reply.setHeader("Docker-Distribution-API-Version", "registry/2.0");
    if (bodyFault != null && bodyFault.kind() == Fault.Kind.REDIRECT_BLOBS) {
      Digest digest = Digest.parse(route.parameter());
      List<String[]> headers =
          List.of(
              new String[] {"Docker-Distribution-API-Version", "registry/2.0"},
              new String[] {"Location", redirectTarget.apply(digest)});
      return new Outgoing(307, headers, null, 0, Outgoing.Delivery.NORMAL, 0);
    }
    StoredContent body = reply.body;
    if (body != null && route.method().equals("HEAD")) {
      // A HEAD answer carries the headers of the body it would have, never the body (RFC 9110
      // §9.3.2).
      reply.headLength = body.size();
      body = null;
    }
    if (body == null) {
      return new Outgoing(
          reply.status,
          reply.headers,
          null,
          Math.max(0, reply.headLength),
          Outgoing.Delivery.NORMAL,
          0);
    }
    if (bodyFault == null) {
      return new Outgoing(
          reply.status, reply.headers, body, body.size(), Outgoing.Delivery.NORMAL, 0);
    }
    switch (bodyFault.kind()) {
      case WRONG_DIGEST:
        return new Outgoing(
            reply.status,
            reply.headers,
            withWrongDigest(body),
            body.size(),
            Outgoing.Delivery.NORMAL,
            0);
      case TRUNCATED_BODY:
        return new Outgoing(
            reply.status, reply.headers, body, body.size(), Outgoing.Delivery.TRUNCATE, 0);
      case DROP_MID_BODY:
        return new Outgoing(
            reply.status,
            reply.headers,
            body,
            body.size(),
            Outgoing.Delivery.DROP_AFTER_HEADERS,
            0);
      case SLOW_BODY:
        return new Outgoing(
            reply.status,
            reply.headers,
            body,
            body.size(),
            Outgoing.Delivery.SLOW,
            Math.max(1, bodyFault.bytesPerSecond()));
      default:
        return new Outgoing(
            reply.status, reply.headers, body, body.size(), Outgoing.Delivery.NORMAL, 0);
    }
  }

  private void record(
      Incoming request,
      Route route,
      int status,
      Optional<ErrorCode> errorCode,
      @Nullable Fault fault) {
    String query = request.query().raw();
    RecordedExchange exchange =
        new RecordedExchange(
            route.endpoint(),
            route.method(),
            route.path(),
            query.isEmpty() ? Optional.empty() : Optional.of(query),
            route.repository(),
            status,
            errorCode,
            request.headers().redacted(RecordedExchange.REDACTED),
            Math.max(request.body().bytesRead(), Math.max(0, request.body().declaredLength())),
            Optional.ofNullable(fault).map(Fault::kind));
    journal.add(exchange);
    settings.listener().accept(exchange);
  }

  /**
   * The same size with the last byte flipped, sharing every other byte with the stored blob instead
   * of copying it. Body faults only apply to non-empty bodies ({@link Reply#hasBody()}).
   */
  private static StoredContent withWrongDigest(StoredContent body) {
    byte last = body.slice(body.size() - 1, 1).toByteArray()[0];
    return body.slice(0, body.size() - 1)
        .concat(StoredContent.of(new byte[] {(byte) (last ^ 0x01)}));
  }
}
