package dev.registrykit.testkit.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.server.StreamingBodyDigests.StreamedBody;
import dev.registrykit.testkit.storage.BlobContent;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * One request being served: the raw request, its parsed route, what its caller may do and, on plain
 * HTTP, what {@link StreamingBodyDigests} saw of its body while it arrived.
 */
record Call(RecordedRequest request, Route route, Access access, Optional<StreamedBody> streamed) {

  /**
   * The request body, sharing the segments mockwebserver buffered it in: never {@code
   * ByteString.asByteBuffer()}, which copies a segmented byte string into one new array.
   */
  BlobContent body() {
    ByteString body = request.getBody();
    return body == null ? BlobContent.empty() : BlobContent.of(body);
  }

  /**
   * The SHA-256 digest of the request body, when it was computed while the body arrived and is
   * confirmed to describe the body mockwebserver buffered (see {@link StreamedBody#describes}).
   */
  Optional<Digest> streamedSha256() {
    return streamed.filter(s -> s.describes(body())).map(StreamedBody::sha256);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  String repo() {
    return route.repo();
  }
}
