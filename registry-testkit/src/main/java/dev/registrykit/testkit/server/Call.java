package dev.registrykit.testkit.server;

import dev.registrykit.testkit.storage.BlobContent;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/** One request being served: the raw request, its parsed route and what its caller may do. */
record Call(RecordedRequest request, Route route, Access access) {
  /**
   * The request body, sharing the segments mockwebserver buffered it in: never {@code
   * ByteString.asByteBuffer()}, which copies a segmented byte string into one new array.
   */
  BlobContent body() {
    ByteString body = request.getBody();
    return body == null ? BlobContent.empty() : BlobContent.of(body);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  String repo() {
    return route.repo();
  }
}
