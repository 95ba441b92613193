package dev.registrykit.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A TLS ClientHello sent to the plain-HTTP fake is answered at once (clients that try HTTPS first
 * then fall back to HTTP without waiting for their handshake timeout); HTTP still works.
 */
@Timeout(30)
class PlainHttpSocketsTest {
  private static FakeRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    registry = FakeRegistry.start();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  private static String exchange(byte[] request) throws Exception {
    try (Socket socket = new Socket(registry.baseUri().getHost(), registry.port())) {
      // Without the check the fake waits for a line end that never comes: the read would time out.
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }
  }

  @Test
  void tlsClientHelloWithoutLineEnd_isAnswered400AtOnce() throws Exception {
    // A TLS 1.2 record header (handshake, 0x16) and the start of a ClientHello, with no 0x0A byte.
    byte[] hello = {0x16, 0x03, 0x01, 0x00, 0x31, 0x01, 0x00, 0x00, 0x2d, 0x03, 0x03, 0x11, 0x22, 0x33};

    assertThat(exchange(hello)).isEqualTo("HTTP/1.1 400");
  }

  @Test
  void plainHttpRequest_isServedAsBefore() throws Exception {
    byte[] get = "GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    assertThat(exchange(get)).isEqualTo("HTTP/1.1 200");
  }
}
