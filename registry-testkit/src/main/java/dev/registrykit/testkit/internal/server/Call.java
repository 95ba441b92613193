package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.internal.server.BodyTap.Received;
import dev.registrykit.testkit.internal.server.BodyTap.StreamedBody;
import dev.registrykit.testkit.internal.storage.BlobContent;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import okio.ByteString;

/**
 * One request being served: the raw request, its parsed route, what its caller may do and, on plain
 * HTTP, what the connection's {@link BodyTap} received or saw of its body.
 */
record Call(RecordedRequest request, Route route, Access access, Received received) {

  /**
   * The request body: as the tap received it, or sharing the segments mockwebserver buffered it in
   * (never {@code ByteString.asByteBuffer()}, which copies a segmented byte string into one array).
   */
  BlobContent body() {
    if (received.body().isPresent()) {
      return received.body().get();
    }
    ByteString body = request.getBody();
    return body == null ? BlobContent.empty() : BlobContent.of(body);
  }

  /**
   * The SHA-256 digest of the request body when it was computed while the body arrived: by the tap
   * that received it, or by the tap that saw mockwebserver buffer it, confirmed to describe that
   * body (see {@link StreamedBody#describes}).
   */
  Optional<Digest> bodySha256() {
    if (received.sha256().isPresent()) {
      return received.sha256();
    }
    return received.streamed().filter(s -> s.describes(body())).map(StreamedBody::sha256);
  }


  Optional<String> header(String name) {
    return Optional.ofNullable(request.getHeaders().get(name));
  }

  String repo() {
    return route.repo();
  }
}
