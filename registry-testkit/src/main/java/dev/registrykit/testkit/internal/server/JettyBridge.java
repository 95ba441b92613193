package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.internal.storage.StoredContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Serves one of the fake's dispatchers on Jetty: turns Jetty's request into an {@link Incoming}
 * whose body is Jetty's request stream (read by the handler that needs it, as it arrives: {@code
 * Expect: 100-continue} is answered when it starts reading), and writes the {@link Outgoing},
 * faults included, handing the stored buffers to Jetty without copying them.
 *
 * <p>A small answer goes out in one write with its headers; a large one buffer by buffer, so a slow
 * client holds back the server thread (blocking writes) and not the heap.
 */
final class JettyBridge extends Handler.Abstract {
  /** The pieces a slow body is written in, per second, spread over ten writes. */
  private static final long SLOW_TICK_MILLIS = 100;

  /**
   * The most of an unread request body read and dropped before answering, so the client reads the
   * answer instead of failing to send the rest; beyond it the connection closes after the answer.
   */
  private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  private final Function<Incoming, Outgoing> dispatcher;

  JettyBridge(Function<Incoming, Outgoing> dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpURI uri = request.getHttpURI();
    String rawQuery = uri.getQuery();
    HeaderMap.Builder headers = HeaderMap.builder();
    for (HttpField field : request.getHeaders()) {
      headers.add(field.getName(), field.getValue());
    }
    String path = uri.getDecodedPath();
    Incoming incoming =
        new Incoming(
            request.getMethod(),
            path == null || path.isEmpty() ? "/" : path,
            rawQuery == null ? Query.NONE : Query.parse(rawQuery),
            headers.build(),
            new RequestBody(request.getLength(), Request.asInputStream(request)));
    Outgoing out = dispatcher.apply(incoming);
    try {
      boolean close =
          out.headers().stream()
              .anyMatch(h -> h[0].equalsIgnoreCase("Connection") && h[1].equalsIgnoreCase("close"));
      if (out.delivery() != Outgoing.Delivery.DROP && !close && !drained(incoming.body())) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      write(request, response, out);
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
    return true;
  }

  /**
   * Reads and drops what the handler left of the request body (a refusal, a fault, a challenge), as
   * a server that had read the whole request before answering would have: clients then read the
   * answer rather than a reset. Returns false when more than {@link #DRAIN_LIMIT} remains.
   */
  private static boolean drained(RequestBody body) throws IOException {
    try (InputStream rest = body.stream()) {
      long dropped = rest.skip(DRAIN_LIMIT);
      while (dropped < DRAIN_LIMIT) {
        if (rest.read() < 0) {
          return true;
        }
        dropped += 1 + rest.skip(DRAIN_LIMIT - dropped - 1);
      }
      return rest.read() < 0;
    }
  }

  private static void write(Request request, Response response, Outgoing out) throws IOException {
    if (out.delivery() == Outgoing.Delivery.DROP) {
      abort(request);
      return;
    }
    response.setStatus(out.status());
    HttpFields.Mutable fields = response.getHeaders();
    for (String[] header : out.headers()) {
      fields.add(header[0], header[1]);
    }
    // Also for HEAD, where it describes the body not sent; 204 and 304 carry none.
    if (out.status() != 204 && out.status() != 304) {
      fields.put(HttpHeader.CONTENT_LENGTH, out.contentLength());
    }
    StoredContent body = out.body();
    if (body == null || body.size() == 0 || request.getMethod().equals("HEAD")) {
      send(response, true, BufferUtil.EMPTY_BUFFER);
      return;
    }
    List<ByteBuffer> buffers = body.buffers();
    switch (out.delivery()) {
      case TRUNCATE:
        buffers = body.slice(0, body.size() / 2).buffers();
        for (ByteBuffer buffer : buffers) {
          send(response, false, buffer);
        }
        abort(request);
        return;
      case DROP_AFTER_HEADERS:
        send(response, false, BufferUtil.EMPTY_BUFFER);
        abort(request);
        return;
      case SLOW:
        writeSlowly(response, body, out.bytesPerSecond());
        return;
      default:
        for (int i = 0; i < buffers.size(); i++) {
          send(response, i == buffers.size() - 1, buffers.get(i));
        }
    }
  }

  private static void writeSlowly(Response response, StoredContent body, long bytesPerSecond)
      throws IOException {
    long perTick = Math.max(1, bytesPerSecond * SLOW_TICK_MILLIS / 1000);
    for (long at = 0; at < body.size(); at += perTick) {
      long n = Math.min(perTick, body.size() - at);
      List<ByteBuffer> piece = body.slice(at, n).buffers();
      boolean lastPiece = at + n == body.size();
      for (int i = 0; i < piece.size(); i++) {
        send(response, lastPiece && i == piece.size() - 1, piece.get(i));
      }
      if (!lastPiece) {
        try {
          Thread.sleep(SLOW_TICK_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while sending a slow body");
        }
      }
    }
  }

  private static void send(Response response, boolean last, ByteBuffer buffer) throws IOException {
    try (Blocker.Callback written = Blocker.callback()) {
      response.write(last, buffer, written);
      written.block();
    }
  }

  /** Closes the connection at once, without an answer or in the middle of one (a fault). */
  private static void abort(Request request) {
    request.getConnectionMetaData().getConnection().getEndPoint().close();
  }
}
