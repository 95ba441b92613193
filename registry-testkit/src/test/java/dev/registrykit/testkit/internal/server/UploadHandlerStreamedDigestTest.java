package dev.registrykit.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.internal.server.BodyTap.Received;
import dev.registrykit.testkit.internal.server.BodyTap.StreamedBody;
import dev.registrykit.testkit.internal.storage.BlobContent;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.UploadSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Completing an upload uses the digest computed while its only chunk arrived (or the body and digest
 * the connection's tap received), and a streamed digest only when it describes the chunk. To see which digest was used, the streamed one here is deliberately
 * not the body's real SHA-256: the upload completes under the digest it was told.
 */
class UploadHandlerStreamedDigestTest {
  private static final byte[] BODY = "layer bytes, streamed".getBytes(StandardCharsets.US_ASCII);
  /** Not the digest of BODY: if completion accepts it, the streamed digest was used, not a rehash. */
  private static final Digest CLAIMED = Digest.sha256("something else".getBytes(StandardCharsets.US_ASCII));

  private final RegistryStorage storage = new RegistryStorage();
  private final UploadHandler handler = new UploadHandler(storage);

  @Test
  void streamedDigestDescribingTheOnlyChunk_isUsedAtCompletion() {
    UploadSession session = storage.startUpload("r");

    handler.handle(call("PATCH", session, "", BODY, Optional.of(streamed(BODY, CLAIMED))));
    Reply done = handler.handle(call("PUT", session, "?digest=" + CLAIMED, new byte[0], Optional.empty()));

    assertThat(done.status).isEqualTo(201);
    assertThat(storage.blob("r", CLAIMED)).isPresent();
  }

  @Test
  void streamedDigestOfOtherBytes_isIgnored_andTheRealDigestIsChecked() {
    UploadSession session = storage.startUpload("r");
    byte[] other = BODY.clone();
    other[0] ^= 1;

    handler.handle(call("PATCH", session, "", BODY, Optional.of(streamed(other, CLAIMED))));

    assertThatThrownBy(() -> handler.handle(call("PUT", session, "?digest=" + CLAIMED, new byte[0], Optional.empty())))
        .isInstanceOfSatisfying(RegistryProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    assertThat(storage.blob("r", CLAIMED)).isEmpty();
  }

  @Test
  void laterChunk_voidsTheStreamedDigestOfTheFirst() {
    UploadSession session = storage.startUpload("r");
    byte[] second = "more".getBytes(StandardCharsets.US_ASCII);
    Digest real = Digest.sha256((new String(BODY, StandardCharsets.US_ASCII) + "more").getBytes(StandardCharsets.US_ASCII));

    handler.handle(call("PATCH", session, "", BODY, Optional.of(streamed(BODY, CLAIMED))));
    handler.handle(call("PATCH", session, "", second, Optional.empty()));
    Reply done = handler.handle(call("PUT", session, "?digest=" + real, new byte[0], Optional.empty()));

    assertThat(done.status).isEqualTo(201);
    assertThat(storage.blob("r", real)).isPresent();
  }

  @Test
  void singleRequestUpload_usesTheStreamedDigest() {
    Reply done =
        handler.handle(
            new Call(
                request("POST", "/v2/r/blobs/uploads/?digest=" + CLAIMED, BODY),
                RouteParser.parse("POST", url("/v2/r/blobs/uploads/?digest=" + CLAIMED), false),
                Access.ALL,
                new Received(Optional.empty(), Optional.empty(), Optional.of(streamed(BODY, CLAIMED)))));

    assertThat(done.status).isEqualTo(201);
  }

  @Test
  void bodyReceivedByTheTap_isTheBody_andItsDigestIsUsed() {
    UploadSession session = storage.startUpload("r");
    String path = "/v2/r/blobs/uploads/" + session.id();
    // mockwebserver's own body is empty: the tap received the bytes.
    Received received = new Received(Optional.of(BlobContent.of(BODY)), Optional.of(CLAIMED), Optional.empty());

    handler.handle(new Call(request("PATCH", path, new byte[0]), RouteParser.parse("PATCH", url(path), false), Access.ALL, received));
    Reply done = handler.handle(call("PUT", session, "?digest=" + CLAIMED, new byte[0], Optional.empty()));

    assertThat(done.status).isEqualTo(201);
    assertThat(storage.blob("r", CLAIMED)).hasValueSatisfying(c -> assertThat(c.toByteArray()).isEqualTo(BODY));
  }

  private static StreamedBody streamed(byte[] describedBytes, Digest sha256) {
    CRC32C crc = new CRC32C();
    crc.update(describedBytes);
    return new StreamedBody(0, describedBytes.length, crc.getValue(), sha256);
  }

  private static Call call(String method, UploadSession session, String query, byte[] body, Optional<StreamedBody> streamed) {
    String path = "/v2/r/blobs/uploads/" + session.id() + query;
    return new Call(
        request(method, path, body), RouteParser.parse(method, url(path), false), Access.ALL, new Received(Optional.empty(), Optional.empty(), streamed));
  }

  private static HttpUrl url(String path) {
    return HttpUrl.get("http://127.0.0.1:5000" + path);
  }

  private static RecordedRequest request(String method, String path, byte[] body) {
    return new RecordedRequest(
        0,
        0,
        null,
        List.of(),
        method,
        path,
        "HTTP/1.1",
        url(path),
        Headers.of("Content-Length", Integer.toString(body.length)),
        ByteString.of(body),
        body.length,
        List.of(),
        null);
  }
}
