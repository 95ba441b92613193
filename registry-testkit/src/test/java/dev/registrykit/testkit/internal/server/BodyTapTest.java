package dev.registrykit.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.internal.server.BodyTap.StreamedBody;
import dev.registrykit.testkit.internal.storage.BlobContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The framing reader digests exactly the bodies mockwebserver buffers: Content-Length and chunked
 * bodies, CRLF and bare-LF lines, any split of the bytes into reads; it gives up on framing it does
 * not follow; and through a real mockwebserver the digest reaches the dispatching thread for the
 * right exchange.
 */
@Timeout(30)
class BodyTapTest {
  private static final long SEED = 20261127L;

  /** No tap state leaks from this class's reads into later tests on the same thread. */
  @AfterEach
  void clearThreadState() throws IOException {
    BodyTap.receive(Integer.MIN_VALUE);
  }

  /** One request's bytes, and the body mockwebserver would buffer for it (empty when it has none). */
  private record Request(byte[] bytes, Optional<byte[]> body) {}

  @Test
  void contentLengthBody_isDigestedAsItIsRead() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 100_000);
    Request put = fixedLength("PUT", body, "\r\n");

    InputStream tapped = tapped(put.bytes());
    readInPieces(tapped, put.bytes().length, new Random(SEED));

    assertThat(take(0)).contains(expected(0, body));
  }

  @Test
  void chunkedBodyWithBareLineFeeds_isDigested() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 70_001);
    Request patch = chunked(body, List.of(1, 8192, 32768, 29040), "\n");

    InputStream tapped = tapped(patch.bytes());
    readInPieces(tapped, patch.bytes().length, new Random(SEED));

    assertThat(take(0)).contains(expected(0, body));
  }

  @Test
  void secondRequestOnConnection_isExchangeOne_andReadAheadKeepsIt() throws Exception {
    byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
    Request get = noBody("GET");
    Request put = fixedLength("PUT", body, "\r\n");
    Request next = noBody("GET");
    byte[] all = concat(List.of(get, put, next));

    InputStream tapped = tapped(all);
    // The connection's reader has read past the PUT into the next request's head.
    tapped.readNBytes(get.bytes().length + put.bytes().length + 5);

    assertThat(take(0)).isEmpty();
    tapped.read();
    assertThat(take(1)).contains(expected(1, body));
  }

  @Test
  void takenOnce_thenGone_andNotOnAnotherThread() throws Exception {
    byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
    Request put = fixedLength("PUT", body, "\r\n");
    InputStream tapped = tapped(put.bytes());
    tapped.readAllBytes();

    AtomicReference<Optional<StreamedBody>> elsewhere = new AtomicReference<>();
    Thread other =
        new Thread(
            () -> {
              try {
                elsewhere.set(take(0));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    other.start();
    other.join();

    assertThat(elsewhere.get()).isEmpty();
    assertThat(take(0)).contains(expected(0, body));
    assertThat(take(0)).isEmpty();
  }

  @Test
  void ambiguousFraming_stopsTheReaderForTheConnection() throws Exception {
    byte[] body = "abc".getBytes(StandardCharsets.US_ASCII);
    byte[] ambiguous =
        ("PATCH /v2/r/blobs/uploads/1 HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Request later = fixedLength("PUT", body, "\r\n");

    InputStream tapped = tapped(concat(ambiguous, later.bytes()));
    tapped.readAllBytes();

    assertThat(take(1)).isEmpty();
  }

  /** Framing mockwebserver itself fails on: a chunk extension, a trailer after the last chunk. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "PATCH /v2/r/blobs/uploads/1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;name=value\r\nabc\r\n0\r\n\r\n",
        "PATCH /v2/r/blobs/uploads/1 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n"
      })
  void unsupportedChunkedFraming_stopsTheReader(String request) throws Exception {
    InputStream tapped = tapped(request.getBytes(StandardCharsets.US_ASCII));
    tapped.readAllBytes();

    assertThat(take(0)).isEmpty();
  }

  @Test
  void skip_stopsTheReader() throws Exception {
    Request put = fixedLength("PUT", "abcdef".getBytes(StandardCharsets.US_ASCII), "\r\n");
    InputStream tapped = tapped(put.bytes());

    tapped.skip(put.bytes().length - 2);
    tapped.readAllBytes();

    assertThat(take(0)).isEmpty();
  }

  @Test
  void describes_onlyTheSameBytes() {
    byte[] body = randomBytes(new Random(SEED), 10_000);
    StreamedBody streamed = expected(0, body);
    byte[] flipped = body.clone();
    flipped[5_000] ^= 1;

    assertThat(streamed.describes(BlobContent.of(body))).isTrue();
    assertThat(streamed.describes(BlobContent.of(flipped))).isFalse();
    assertThat(streamed.describes(BlobContent.of(Arrays.copyOf(body, 9_999)))).isFalse();
  }

  /** Seeded random requests, framings, line endings and read splits: each body's digest is exact. */
  @Test
  void randomRequestSequences_everyBodyDigestedExactly() throws Exception {
    System.out.println("BodyTapTest seed " + SEED);
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      List<Request> requests = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        requests.add(randomRequest(random));
      }
      InputStream tapped = tapped(concat(requests));
      for (int i = 0; i < count; i++) {
        Request request = requests.get(i);
        readInPieces(tapped, request.bytes().length, random);
        Optional<StreamedBody> taken = take(i);
        if (request.body().isPresent()) {
          assertThat(taken).as("round %d request %d", round, i).contains(expected(i, request.body().get()));
        } else {
          assertThat(taken).as("round %d request %d", round, i).isEmpty();
        }
      }
    }
  }

  @Test
  void largeUploadHead_isHandedOnAlone_andTheTapReceivesTheBody() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 300_000);
    Request patch = chunked(body, List.of(100_000, 200_000), "\r\n");
    Request next = noBody("GET");
    InputStream tapped = tapped(concat(List.of(patch, next)));

    byte[] head = readUntilOffered(tapped);
    BodyTap.Received received = BodyTap.receive(0);

    String headText = new String(patch.bytes(), StandardCharsets.ISO_8859_1);
    assertThat(head).isEqualTo(Arrays.copyOf(patch.bytes(), headText.indexOf("\r\n\r\n") + 4));
    assertThat(received.body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(body));
    assertThat(received.sha256()).contains(Digest.sha256(body));
    // What follows the body is the next request, untouched.
    assertThat(tapped.readAllBytes()).isEqualTo(next.bytes());
  }

  @Test
  void largeFixedLengthUpload_bodyLargerThanOnePart_isReceivedExactly() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 5 * 1024 * 1024 + 7);
    Request put = fixedLength("PUT", body, "\n");
    InputStream tapped = tapped(concat(put.bytes(), noBody("GET").bytes()));

    readUntilOffered(tapped);
    BodyTap.Received received = BodyTap.receive(0);

    assertThat(received.body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(body));
    assertThat(received.sha256()).contains(Digest.sha256(body));
  }

  @Test
  void offeredBody_readByMockwebserverAfterAll_isOnlyDigested() throws Exception {
    byte[] body = randomBytes(new Random(SEED), BodyTap.RECEIVE_MIN);
    Request put = fixedLength("PUT", body, "\r\n");
    InputStream tapped = tapped(put.bytes());

    readUntilOffered(tapped);
    byte[] rest = tapped.readAllBytes();

    assertThat(rest).isEqualTo(body);
    assertThat(take(0)).contains(expected(0, body));
  }

  @Test
  void smallUploadIsDigestedNotOffered_otherPathsNeither() throws Exception {
    byte[] small = randomBytes(new Random(SEED), BodyTap.RECEIVE_MIN - 1);
    byte[] large = randomBytes(new Random(SEED), BodyTap.RECEIVE_MIN);
    Request upload = fixedLength("PUT", small, "\r\n");
    byte[] token = concat(("POST /token HTTP/1.1\r\nContent-Length: " + large.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), large);
    InputStream tapped = tapped(concat(upload.bytes(), token));

    readInPieces(tapped, upload.bytes().length, new Random(SEED));
    assertThat(BodyTap.offersBody()).isFalse();
    assertThat(take(0)).contains(expected(0, small));
    readInPieces(tapped, token.length, new Random(SEED));
    assertThat(BodyTap.offersBody()).isFalse();
    assertThat(take(1)).isEmpty();
  }

  @Test
  void tlsHandshakeAsFirstByte_runsTheCallback_andEndsTheStream() throws Exception {
    byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x31, 0x01, 0x00, 0x00, 0x2d, 0x03, 0x03};
    AtomicBoolean refused = new AtomicBoolean();
    InputStream tapped = BodyTap.tap(new ByteArrayInputStream(hello), () -> refused.set(true));

    assertThat(tapped.read(new byte[100])).isEqualTo(-1);
    assertThat(refused).isTrue();
  }

  @Test
  void clientGoneInAReceivedBody_isAnIOException() throws Exception {
    byte[] body = randomBytes(new Random(SEED), 400_000);
    byte[] cut = Arrays.copyOf(fixedLength("PUT", body, "\r\n").bytes(), 200_000);
    InputStream tapped = tapped(cut);

    readUntilOffered(tapped);

    assertThatThrownBy(() -> BodyTap.receive(0)).isInstanceOf(EOFException.class);
  }

  /** Through mockwebserver with a peek() like the fake's: large upload bodies bypass its buffer. */
  @Test
  void realMockWebServer_withPeek_tapReceivesLargeUploads_andTheConnectionStaysInStep() throws Exception {
    Map<Integer, BodyTap.Received> seen = new ConcurrentHashMap<>();
    Map<Integer, Long> bufferedSizes = new ConcurrentHashMap<>();
    byte[] chunkedBody = randomBytes(new Random(SEED), 700_000);
    byte[] fixedBody = randomBytes(new Random(SEED + 1), 1_000_003);
    byte[] smallBody = randomBytes(new Random(SEED + 2), 1_000);
    try (MockWebServer server = new MockWebServer()) {
      server.setServerSocketFactory(new PlainHttpSockets());
      server.setDispatcher(
          new Dispatcher() {
            private final MockResponse doNotRead = new MockResponse.Builder().doNotReadRequestBody().build();

            @Override
            public MockResponse peek() {
              return BodyTap.offersBody() ? doNotRead : super.peek();
            }

            @Override
            public MockResponse dispatch(RecordedRequest request) {
              try {
                seen.put(request.getExchangeIndex(), BodyTap.receive(request.getExchangeIndex()));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              bufferedSizes.put(request.getExchangeIndex(), request.getBodySize());
              return new MockResponse.Builder().code(202).body("ok").build();
            }
          });
      server.start(InetAddress.getLoopbackAddress(), 0);

      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getPort())) {
        socket.setSoTimeout(10_000);
        for (Request request :
            List.of(
                chunked(chunkedBody, List.of(300_000, 400_000), "\r\n"),
                fixedLength("PUT", fixedBody, "\r\n"),
                fixedLength("PUT", smallBody, "\r\n"),
                noBody("GET"))) {
          socket.getOutputStream().write(request.bytes());
          socket.getOutputStream().flush();
          assertThat(readStatusLine(socket.getInputStream())).startsWith("HTTP/1.1 202");
        }
      }
    }

    assertThat(seen.get(0).body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(chunkedBody));
    assertThat(seen.get(0).sha256()).contains(Digest.sha256(chunkedBody));
    assertThat(seen.get(1).body()).hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(fixedBody));
    assertThat(bufferedSizes).containsEntry(0, 0L).containsEntry(1, 0L).containsEntry(2, 1_000L);
    assertThat(seen.get(2).body()).isEmpty();
    assertThat(seen.get(2).streamed()).contains(expected(2, smallBody));
    assertThat(seen.get(3)).isEqualTo(BodyTap.Received.NOTHING);
  }

  /** Reads as okio would, 8 KiB at a time, until the tap offers to receive the body; returns what was handed on. */
  private static byte[] readUntilOffered(InputStream tapped) throws IOException {
    ByteArrayOutputStream handedOn = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!BodyTap.offersBody()) {
      int n = tapped.read(buffer);
      assertThat(n).as("the tap never offered the body").isPositive();
      handedOn.write(buffer, 0, n);
    }
    return handedOn.toByteArray();
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
              Optional<StreamedBody> streamed;
              try {
                streamed = take(request.getExchangeIndex());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
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

  /** A tap over {@code bytes}, which hold no TLS handshake. */
  private static InputStream tapped(byte[] bytes) {
    return BodyTap.tap(new ByteArrayInputStream(bytes), () -> {
      throw new AssertionError("not a TLS handshake");
    });
  }

  private static Optional<StreamedBody> take(int exchange) throws IOException {
    return BodyTap.receive(exchange).streamed();
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
