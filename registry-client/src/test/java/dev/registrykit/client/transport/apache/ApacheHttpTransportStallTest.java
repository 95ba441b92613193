package dev.registrykit.client.transport.apache;

import static dev.registrykit.client.hostile.HostileServer.endlessChunks;
import static dev.registrykit.client.hostile.HostileServer.head;
import static dev.registrykit.client.hostile.HostileServer.stall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.hostile.HostileServer;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport against registries that stop answering or never stop sending: every call ends, a
 * rejected body is never drained, and the error says where the registry stopped. Each test would
 * hang (and hit the class timeout) without the limit it checks.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ApacheHttpTransportStallTest {
  private static ApacheHttpTransport.Builder quick() {
    return ApacheHttpTransport.builder()
        .noSystemProxy()
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(1))
        .responseTimeout(Duration.ofSeconds(1));
  }

  private static HttpResponse get(
      ApacheHttpTransport transport, HostileServer server, String scheme) throws IOException {
    return transport.send(
        HttpRequest.of(
            "GET",
            URI.create(scheme + "://127.0.0.1:" + server.port() + "/v2/x"),
            HttpHeaders.empty()));
  }

  @Test
  void closeBeforeTheEnd_ofAnEndlessBody_discardsTheConnection_neverDrains() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Transfer-Encoding", "chunked");
                  endlessChunks(out, new byte[8192]);
                });
        ApacheHttpTransport transport = quick().build()) {
      HttpResponse response = get(transport, server, "http");
      response.body().readNBytes(16 * 1024);

      response.close(); // draining would never end

      get(transport, server, "http").close();
      assertThat(server.connections()).as("the first connection was not reused").isEqualTo(2);
    }
  }

  @Test
  void closeAtTheEnd_keepsTheConnection() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Content-Length", "5");
                  out.write("hello".getBytes());
                });
        ApacheHttpTransport transport = quick().build()) {
      try (HttpResponse response = get(transport, server, "http")) {
        assertThat(response.body().readNBytes(5)).isEqualTo("hello".getBytes());
      }
      get(transport, server, "http").close();

      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void noResponseHeaders_timesOut_sayingSo() throws Exception {
    try (HostileServer server = new HostileServer((line, out) -> stall());
        ApacheHttpTransport transport = quick().build()) {
      assertThatThrownBy(() -> get(transport, server, "http"))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("sent no response headers within 1 s")
          .hasMessageContaining("stopped answering");
    }
  }

  @Test
  void serverThatAcceptsAndNeverAnswersTheHandshake_timesOut_sayingItSentNothing()
      throws Exception {
    try (HostileServer server = new HostileServer((line, out) -> stall());
        ApacheHttpTransport transport = quick().build()) {
      assertThatThrownBy(() -> get(transport, server, "https"))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("accepted the connection but sent nothing for 1 s");
    }
  }

  @Test
  void drippingBody_failsAtTheLowSpeedLimit() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Content-Length", "100000");
                  while (true) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                  }
                });
        ApacheHttpTransport transport =
            quick().lowSpeedLimit(1000, Duration.ofSeconds(1)).build()) {
      HttpResponse response = get(transport, server, "http");
      InputStream body = response.body();

      assertThatThrownBy(body::readAllBytes)
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("arrived slower than 1000 bytes/s for 1 s");
      response.close();
    }
  }

  @Test
  void bodyThatStopsCompletely_failsAtTheLowSpeedLimit() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Content-Length", "100000");
                  out.write(new byte[10]);
                  out.flush();
                  stall();
                });
        ApacheHttpTransport transport =
            quick()
                .responseTimeout(Duration.ofSeconds(60))
                .lowSpeedLimit(1, Duration.ofSeconds(1))
                .build()) {
      HttpResponse response = get(transport, server, "http");

      assertThatThrownBy(() -> response.body().readAllBytes())
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("arrived slower than 1 bytes/s");
      response.close();
    }
  }

  @Test
  void smallBody_fastEnoughPerSecond_butEndless_failsAtTheSmallBodyTimeout() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Transfer-Encoding", "chunked");
                  while (true) {
                    out.write("40\r\n".getBytes());
                    out.write(new byte[64]);
                    out.write("\r\n".getBytes());
                    out.flush();
                    Thread.sleep(20);
                  }
                });
        ApacheHttpTransport transport =
            quick()
                .lowSpeedLimit(1, Duration.ofSeconds(1))
                .smallBodyTimeout(Duration.ofSeconds(1))
                .build()) {
      HttpResponse response = get(transport, server, "http");

      assertThatThrownBy(() -> response.readBody(4 * 1024 * 1024))
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("took longer than 1 s");
    }
  }

  @Test
  void headerWithANul_isAnIOException_notAnUncheckedOne() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  out.write(
                      "HTTP/1.1 200 OK\r\nX-Evil: a\u0000b\r\nContent-Length: 0\r\n\r\n"
                          .getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                });
        ApacheHttpTransport transport = quick().build()) {
      assertThatThrownBy(() -> get(transport, server, "http"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("malformed response header");
    }
  }

  @Test
  void slowConsumer_isNotMistakenForASlowRegistry() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  head(out, 200, "Content-Length", "3");
                  out.write("abc".getBytes());
                });
        ApacheHttpTransport transport =
            quick().lowSpeedLimit(1000, Duration.ofSeconds(1)).build()) {
      try (HttpResponse response = get(transport, server, "http")) {
        int first = response.body().read();
        // The caller is busy elsewhere for longer than the low-speed window: not the registry's
        // fault.
        Thread.sleep(2_500);
        assertThat(first).isEqualTo('a');
        assertThat(response.body().readAllBytes()).isEqualTo("bc".getBytes());
      }
    }
  }
}
