package dev.registrykit.client.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpResponseTest {
  private static final URI TARGET = URI.create("http://registry.example/v2/x/tags/list");

  /** A body that delivers one byte per read, then fails. */
  private static InputStream breaksAfter(int bytes) {
    return new InputStream() {
      private int left = bytes;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new SocketException("Connection reset");
        }
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int c = read();
        b[off] = (byte) c;
        return 1;
      }
    };
  }

  private static IOException named(String operation, IOException e) {
    return new IOException(operation + ": " + e.getMessage(), e);
  }

  @Test
  void mapBodyFailures_streamedBody_failureBecomesTheMappedOne() {
    HttpResponse response =
        HttpResponse.of(TARGET, 200, HttpHeaders.empty(), breaksAfter(3))
            .mapBodyFailures(e -> named("GET tags x", e));

    assertThatThrownBy(() -> response.body().readAllBytes())
        .hasMessage("GET tags x: Connection reset")
        .hasCauseInstanceOf(SocketException.class);
  }

  @Test
  void mapBodyFailures_readBodysOwnDeadline_isMappedToo() {
    InputStream slow =
        new InputStream() {
          @Override
          public int read() throws IOException {
            try {
              Thread.sleep(5);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            b[off] = (byte) read();
            return 1;
          }
        };
    HttpResponse response =
        HttpResponse.of(TARGET, 200, HttpHeaders.empty(), slow, Duration.ofMillis(20))
            .mapBodyFailures(e -> named("GET tags x", e));

    assertThatThrownBy(() -> response.readBody(1 << 20))
        .hasMessageStartingWith("GET tags x: the body of the 200 from http://registry.example")
        .hasCauseInstanceOf(SocketTimeoutException.class);
  }

  @Test
  void mapBodyFailures_appliedTwice_innerFirst_onEveryPath() {
    HttpResponse streamed =
        HttpResponse.of(TARGET, 200, HttpHeaders.empty(), breaksAfter(0))
            .mapBodyFailures(e -> named("inner", e))
            .mapBodyFailures(e -> named("outer", e));

    assertThatThrownBy(() -> streamed.readBody(10)).hasMessage("outer: inner: Connection reset");
  }

  @Test
  void mapBodyFailures_aBodyThatDoesNotFail_isReadAsItIs() throws IOException {
    HttpResponse response =
        HttpResponse.of(
                TARGET, 200, HttpHeaders.empty(), new ByteArrayInputStream(new byte[] {1, 2}))
            .mapBodyFailures(e -> named("never", e));

    assertThat(response.readBody(10)).containsExactly(1, 2);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.uri()).isEqualTo(TARGET);
  }
}
