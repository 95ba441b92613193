package dev.registrykit.testkit.server;

import java.nio.ByteBuffer;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/** One request being served: the raw request, its parsed route and what its caller may do. */
record Call(RecordedRequest request, Route route, Access access) {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  /** The request body as a read-only view (mockwebserver buffered it; it is not copied again). */
  ByteBuffer body() {
    ByteString body = request.getBody();
    return body == null ? EMPTY.duplicate() : body.asByteBuffer();
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  String repo() {
    return route.repo();
  }
}
