package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.internal.storage.StoredContent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the server sends for one request, faults included: the status, the headers, the body and how
 * it is delivered. Built by the dispatchers, written by {@link JettyBridge}.
 *
 * @param status the status code
 * @param headers name and value pairs, in order
 * @param body the body, or null for none (a {@code HEAD} answer, a {@code 204}…)
 * @param contentLength the {@code Content-Length} to announce: the body's size, or for {@code HEAD}
 *     the size of the body it describes
 * @param delivery how the answer is delivered
 * @param bytesPerSecond the pace of a {@link Delivery#SLOW} body
 */
record Outgoing(
    int status,
    List<String[]> headers,
    @Nullable StoredContent body,
    long contentLength,
    Delivery delivery,
    long bytesPerSecond) {

  /** How an answer reaches the client. */
  enum Delivery {
    /** Sent whole, the connection kept alive unless a header says {@code Connection: close}. */
    NORMAL,
    /** Nothing is sent: the connection is closed (a dropped connection). */
    DROP,
    /** The headers and the first half of the body are sent, then the connection is closed. */
    TRUNCATE,
    /** The headers are sent, then the connection is closed before the body. */
    DROP_AFTER_HEADERS,
    /** The body is sent at {@code bytesPerSecond}. */
    SLOW
  }

  static Outgoing dropped() {
    return new Outgoing(0, List.of(), null, 0, Delivery.DROP, 0);
  }
}
