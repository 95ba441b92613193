package dev.registrykit.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.server.StreamingBodyDigests.StreamedBody;
import dev.registrykit.testkit.storage.BlobContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The framing reader digests exactly the bodies mockwebserver buffers: Content-Length and chunked
 * bodies, CRLF and bare-LF lines, any split of the bytes into reads; it gives up on framing it does
 * not follow; and through a real mockwebserver the digest reaches the dispatching thread for the
 * right exchange.
 */
@Timeout(30)
class StreamingBodyDigestsTest {
  private static final long SEED = 20261127L;

  /** One request's bytes, and the body mockwebserver would buffer for it (empty when it has none). */
  private record Request(byte[] bytes, Optional<byte[]> body) {}

  @Test
  void contentLengthBody_isDigestedAsItIsRead() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 100_000);
    Request put = fixedLength("PUT", body, "\r\n");

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(put.bytes()));
    readInPieces(tapped, put.bytes().length, new Random(SEED));

    assertThat(StreamingBodyDigests.take(0)).contains(expected(0, body));
  }

  @Test
  void chunkedBodyWithBareLineFeeds_isDigested() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 70_001);
    Request patch = chunked(body, List.of(1, 8192, 32768, 29040), "\n");

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(patch.bytes()));
    readInPieces(tapped, patch.bytes().length, new Random(SEED));

    assertThat(StreamingBodyDigests.take(0)).contains(expected(0, body));
  }

  @Test
  void secondRequestOnConnection_isExchangeOne_andReadAheadKeepsIt() throws Exception {
    byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
    Request get = noBody("GET");
    Request put = fixedLength("PUT", body, "\r\n");
    Request next = noBody("GET");
    byte[] all = concat(List.of(get, put, next));

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(all));
    // The connection's reader has read past the PUT into the next request's head.
    tapped.readNBytes(get.bytes().length + put.bytes().length + 5);

    assertThat(StreamingBodyDigests.take(0)).isEmpty();
    tapped.read();
    assertThat(StreamingBodyDigests.take(1)).contains(expected(1, body));
  }

  @Test
  void takenOnce_thenGone_andNotOnAnotherThread() throws Exception {
    byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
    Request put = fixedLength("PUT", body, "\r\n");
    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(put.bytes()));
    tapped.readAllBytes();

    AtomicReference<Optional<StreamedBody>> elsewhere = new AtomicReference<>();
    Thread other = new Thread(() -> elsewhere.set(StreamingBodyDigests.take(0)));
    other.start();
    other.join();

    assertThat(elsewhere.get()).isEmpty();
    assertThat(StreamingBodyDigests.take(0)).contains(expected(0, body));
    assertThat(StreamingBodyDigests.take(0)).isEmpty();
  }

  @Test
  void ambiguousFraming_stopsTheReaderForTheConnection() throws Exception {
    byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] ambiguous =
        ("PATCH /x HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Request later = fixedLength("PUT", body, "\r\n");

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(concat(ambiguous, later.bytes())));
    tapped.readAllBytes();

    assertThat(StreamingBodyDigests.take(1)).isEmpty();
  }

  @Test
  void chunkExtension_stopsTheReader() throws Exception {
    byte[] extended = "PATCH /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(extended));
    tapped.readAllBytes();

    assertThat(StreamingBodyDigests.take(0)).isEmpty();
  }

  @Test
  void trailerAfterLastChunk_stopsTheReader() throws Exception {
    byte[] trailed = "PATCH /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(trailed));
    tapped.readAllBytes();

    assertThat(StreamingBodyDigests.take(0)).isEmpty();
  }

  @Test
  void skip_stopsTheReader() throws Exception {
    Request put = fixedLength("PUT", "abcdef".getBytes(StandardCharsets.US_ASCII), "\r\n");
    InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(put.bytes()));

    tapped.skip(put.bytes().length - 2);
    tapped.readAllBytes();

    assertThat(StreamingBodyDigests.take(0)).isEmpty();
  }

  @Test
  void describes_onlyTheSameBytes() {
    byte[] body = randomBytes(new Random(SEED), 10_000);
    StreamedBody streamed = expected(0, body);
    byte[] flipped = body.clone();
    flipped[5_000] ^= 1;

    assertThat(streamed.describes(BlobContent.of(body))).isTrue();
    assertThat(streamed.describes(BlobContent.of(flipped))).isFalse();
    assertThat(streamed.describes(BlobContent.of(java.util.Arrays.copyOf(body, 9_999)))).isFalse();
  }

  /** Seeded random requests, framings, line endings and read splits: each body's digest is exact. */
  @Test
  void randomRequestSequences_everyBodyDigestedExactly() throws Exception {
    System.out.println("StreamingBodyDigestsTest seed " + SEED);
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      List<Request> requests = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        requests.add(randomRequest(random));
      }
      InputStream tapped = StreamingBodyDigests.tap(new ByteArrayInputStream(concat(requests)));
      for (int i = 0; i < count; i++) {
        Request request = requests.get(i);
        readInPieces(tapped, request.bytes().length, random);
        Optional<StreamedBody> taken = StreamingBodyDigests.take(i);
        if (request.body().isPresent()) {
          assertThat(taken).as("round %d request %d", round, i).contains(expected(i, request.body().get()));
        } else {
          assertThat(taken).as("round %d request %d", round, i).isEmpty();
        }
      }
    }
  }

  /** Through mockwebserver itself: its dispatching thread gets the digest of each request's body. */
  @Test
  void realMockWebServer_dispatchingThreadGetsEachBodysDigest() throws Exception {
    Map<Integer, Optional<StreamedBody>> seen = new ConcurrentHashMap<>();
    Map<Integer, Boolean> described = new ConcurrentHashMap<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new PlainHttpSockets());
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              Optional<StreamedBody> streamed = StreamingBodyDigests.take(request.getExchangeIndex());
              seen.put(request.getExchangeIndex(), streamed);
              BlobContent body = request.getBody() == null ? BlobContent.empty() : BlobContent.of(request.getBody());
              described.put(request.getExchangeIndex(), streamed.map(s -> s.describes(body)).orElse(false));
              return new MockResponse.Builder().code(202).body("ok").build();
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);
      byte[] chunkedBody = randomBytes(new Random(SEED), 300_000);
      byte[] fixedBody = randomBytes(new Random(SEED + 1), 123_457);

      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
        socket.setSoTimeout(10_000);
        for (Request request :
            List.of(noBody("GET"), chunked(chunkedBody, List.of(65_536, 100_000, 134_464), "\r\n"), fixedLength("PUT", fixedBody, "\r\n"))) {
          socket.getOutputStream().write(request.bytes());
          socket.getOutputStream().flush();
          assertThat(readStatusLine(socket.getInputStream())).startsWith("HTTP/1.1 202");
        }
      }
    }

    assertThat(seen.get(0)).isEmpty();
    assertThat(seen.get(1)).contains(expected(1, randomBytes(new Random(SEED), 300_000)));
    assertThat(seen.get(2)).contains(expected(2, randomBytes(new Random(SEED + 1), 123_457)));
    assertThat(described).containsEntry(1, true).containsEntry(2, true);
  }

  private static StreamedBody expected(int exchange, byte[] body) {
    CRC32C crc = new CRC32C();
    crc.update(body);
    return new StreamedBody(exchange, body.length, crc.getValue(), Digest.sha256(body));
  }

  private static Request randomRequest(Random random) {
    String eol = random.nextBoolean() ? "\r\n" : "\n";
    switch (random.nextInt(4)) {
      case 0:
        return noBody(random.nextBoolean() ? "GET" : "HEAD");
      case 1:
        return fixedLength(random.nextBoolean() ? "PUT" : "POST", randomBytes(random, random.nextInt(40_000)), eol);
      default:
        byte[] body = randomBytes(random, random.nextInt(40_000));
        List<Integer> chunks = new ArrayList<>();
        int left = body.length;
        while (left > 0) {
          int chunk = 1 + random.nextInt(Math.min(left, 16_384));
          chunks.add(chunk);
          left -= chunk;
        }
        return chunked(body, chunks, eol);
    }
  }

  private static Request noBody(String method) {
    return new Request((method + " /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII), Optional.empty());
  }

  private static Request fixedLength(String method, byte[] body, String eol) {
    String head = method + " /v2/r/blobs/uploads/1 HTTP/1.1" + eol + "Host: 127.0.0.1" + eol + "CONTENT-LENGTH:  " + body.length + eol + eol;
    return new Request(concat(head.getBytes(StandardCharsets.US_ASCII), body), body.length == 0 ? Optional.empty() : Optional.of(body));
  }

  private static Request chunked(byte[] body, List<Integer> chunkSizes, String eol) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "PATCH /v2/r/blobs/uploads/1 HTTP/1.1" + eol + "Host: 127.0.0.1" + eol + "Transfer-Encoding: chunked" + eol + eol;
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    int at = 0;
    for (int size : chunkSizes) {
      out.writeBytes((Integer.toHexString(size) + eol).getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, size);
      out.writeBytes(eol.getBytes(StandardCharsets.US_ASCII));
      at += size;
    }
    assertThat(at).isEqualTo(body.length);
    out.writeBytes(("0" + eol + eol).getBytes(StandardCharsets.US_ASCII));
    return new Request(out.toByteArray(), Optional.of(body));
  }

  /** Reads exactly {@code length} bytes in random-sized reads, as a socket delivers them. */
  private static void readInPieces(InputStream in, int length, Random random) throws IOException {
    byte[] buffer = new byte[9000];
    int left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, Math.min(left, 1 + random.nextInt(buffer.length)));
      assertThat(n).isPositive();
      left -= n;
    }
  }

  private static String readStatusLine(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    return text.substring(0, text.indexOf("\r\n"));
  }

  private static byte[] randomBytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(List<Request> requests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    requests.forEach(r -> out.writeBytes(r.bytes()));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
