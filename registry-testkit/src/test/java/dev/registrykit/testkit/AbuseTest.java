package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthTest.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Abuse gets a spec answer and state stays bounded: hostile {@code Content-Range} and {@code
 * Content-Length} values, bodies the fake refuses before reading them, abandoned upload sessions
 * and an endless stream of requests. Raw sockets where the point is what happens on the wire.
 */
@Timeout(60)
class AbuseTest {
  private static final String OCTET = "application/octet-stream";

  private static String open(FakeRegistry registry) throws Exception {
    HttpResponse<byte[]> opened =
        Http.send(registry.url("/v2/r/blobs/uploads/"), "POST", Map.of(), new byte[0]);
    assertThat(opened.statusCode()).isEqualTo(202);
    return opened.headers().firstValue("Location").orElseThrow();
  }

  @Test
  void contentRange_overflowingOrReversed_isRefusedWithASpecCode_neverA500() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      String location = open(registry);
      Http.send(
          registry.url(location),
          "PATCH",
          Map.of("Content-Type", OCTET),
          "hello".getBytes(StandardCharsets.US_ASCII));

      HttpResponse<byte[]> overflowing =
          Http.send(
              registry.url(location),
              "PATCH",
              Map.of("Content-Type", OCTET, "Content-Range", "5-99999999999999999999"),
              new byte[] {1});
      HttpResponse<byte[]> negative =
          Http.send(
              registry.url(location),
              "PATCH",
              Map.of("Content-Type", OCTET, "Content-Range", "-5-9"),
              new byte[] {1});
      HttpResponse<byte[]> reversed =
          Http.send(
              registry.url(location),
              "PATCH",
              Map.of("Content-Type", OCTET, "Content-Range", "5-2"),
              new byte[] {1});

      assertThat(overflowing.statusCode()).isEqualTo(400);
      assertThat(Http.text(overflowing))
          .contains("BLOB_UPLOAD_INVALID")
          .doesNotContain("NumberFormatException");
      assertThat(negative.statusCode()).isEqualTo(400);
      assertThat(Http.text(negative)).contains("BLOB_UPLOAD_INVALID");
      assertThat(reversed.statusCode()).isEqualTo(416);
      assertThat(Http.text(reversed)).contains("BLOB_UPLOAD_INVALID");
      assertThat(registry.requests()).noneMatch(e -> e.status() == 500);
    }
  }

  @Test
  void declaredLengthTheFakeCannotHold_is413_beforeTheBodyIsSent_andTheConnectionCloses()
      throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      String location = open(registry);
      // One more byte than the heap: no body follows the headers, so a fake that waited to read it
      // would never answer (the test's timeout).
      long tooMuch = Runtime.getRuntime().maxMemory() + 1;
      String answer =
          exchange(
              registry,
              "PATCH "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + OCTET
                  + "\r\nContent-Length: "
                  + tooMuch
                  + "\r\n\r\n");

      assertThat(answer).startsWith("HTTP/1.1 413").contains("SIZE_INVALID", "-Xmx");
      assertThat(registry.openUploads()).hasSize(1);
    }
  }

  @Test
  void manifestDeclaredLargerThan4MiB_is413_beforeTheBodyIsSent() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      // No body follows the headers: the answer comes from the declared length alone. (Sending
      // the body as well races the refusal: the fake closes while the client still writes, and
      // the reset can reach the client before the 413 does.)
      String answer =
          exchange(
              registry,
              "PUT /v2/team/app/manifests/big HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + "application/vnd.oci.image.manifest.v1+json\r\nContent-Length: "
                  + (4 * 1024 * 1024 + 1)
                  + "\r\n\r\n");

      assertThat(answer).startsWith("HTTP/1.1 413").contains("MANIFEST_INVALID");
      assertThat(registry.requests()).noneMatch(e -> e.status() == 201);
    }
  }

  @Test
  void contentLengthDisagreeingWithContentRange_is400_andTheUnreadBodyNeverReachesTheNextRequest()
      throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      String location = open(registry);
      // The body is a whole second request: if the fake answered and then kept reading the
      // connection, it would serve that "request" too.
      String smuggled = "GET /v2/ HTTP/1.1\r\nHost: localhost\r\n\r\n";
      String answer =
          exchange(
              registry,
              "PATCH "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + OCTET
                  + "\r\nContent-Range: 0-1\r\nContent-Length: "
                  + smuggled.length()
                  + "\r\n\r\n"
                  + smuggled);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("SIZE_INVALID");
      assertThat(answer.split("HTTP/1.1 ", -1)).hasSize(2);
      assertThat(registry.requests()).hasSize(2);
    }
  }

  @Test
  void invalidContentLength_isA400_neverA500() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      String location = open(registry);

      String negative =
          exchange(
              registry,
              "PATCH " + location + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: -3\r\n\r\n");
      String overflowing =
          exchange(
              registry,
              "PATCH "
                  + location
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999999999999\r\n\r\n");

      assertThat(negative).startsWith("HTTP/1.1 400");
      assertThat(overflowing).startsWith("HTTP/1.1 400");
      assertThat(registry.requests()).noneMatch(e -> e.status() == 500);
    }
  }

  @Test
  void abandonedUploads_expireAfterTheConfiguredIdleTime_andClearUploadsDropsThemAtOnce()
      throws Exception {
    MutableClock clock = new MutableClock();
    try (FakeRegistry registry =
        FakeRegistry.builder().clock(clock).uploadExpiry(Duration.ofMinutes(10)).start()) {
      String abandoned = open(registry);
      clock.advance(Duration.ofMinutes(9));
      String active = open(registry);
      clock.advance(Duration.ofMinutes(2));

      HttpResponse<byte[]> late =
          Http.send(
              registry.url(abandoned), "PATCH", Map.of("Content-Type", OCTET), new byte[] {1});
      HttpResponse<byte[]> stillOpen =
          Http.send(registry.url(active), "PATCH", Map.of("Content-Type", OCTET), new byte[] {1});

      assertThat(late.statusCode()).isEqualTo(404);
      assertThat(Http.text(late)).contains("BLOB_UPLOAD_UNKNOWN");
      assertThat(stillOpen.statusCode()).isEqualTo(202);
      assertThat(registry.openUploads()).hasSize(1);

      registry.clearUploads();
      assertThat(registry.openUploads()).isEmpty();
    }
  }

  @Test
  void uploadsNeverExpireInProcess_unlessConfigured() throws Exception {
    MutableClock clock = new MutableClock();
    try (FakeRegistry registry = FakeRegistry.builder().clock(clock).start()) {
      open(registry);
      clock.advance(Duration.ofDays(365));
      open(registry);

      assertThat(registry.openUploads()).hasSize(2);
    }
  }

  @Test
  void journalLimit_keepsTheMostRecentRequests_only() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().journalLimit(3).start()) {
      for (int i = 0; i < 5; i++) {
        Http.get(registry, "/v2/r/tags/list?n=" + i);
      }

      assertThat(registry.requests())
          .extracting(e -> e.query().orElse(""))
          .containsExactly("n=2", "n=3", "n=4");
    }
  }

  /**
   * Sends {@code request} on a new connection and reads what comes back until the fake closes it.
   */
  private static String exchange(FakeRegistry registry, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", registry.port())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
