package dev.registrykit.client;

import static dev.registrykit.client.hostile.HostileServer.endlessChunks;
import static dev.registrykit.client.hostile.HostileServer.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.hostile.HostileServer;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against a registry that never stops sending: a rejected or over-limit body is
 * abandoned where the limit is crossed, not read to its (missing) end. Without that, each test
 * reads for ever and fails at the class timeout (its own thread: a drain ignores interrupts).
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileRegistryTest {
  private static final byte[] BLOB = "twelve bytes".getBytes(StandardCharsets.UTF_8);

  private static HostileServer server(HostileServer.Behaviour registry) throws IOException {
    return new HostileServer(
        (line, out) -> {
          if (line.startsWith("GET /v2/ ")) {
            head(out, 200, "Content-Length", "0");
          } else {
            registry.answer(line, out);
          }
        });
  }

  private static RegistryClient client(HostileServer server) {
    return RegistryClient.builder()
        .plainHttp(Registry.parse("127.0.0.1:" + server.port()))
        .retryPolicy(RetryPolicy.none())
        .transport(
            ApacheHttpTransport.builder()
                .noSystemProxy()
                .responseTimeout(Duration.ofSeconds(5))
                .build())
        .build();
  }

  @Test
  void manifestBeyondTheCap_endless_failsAtTheCap() throws Exception {
    try (HostileServer server =
            server(
                (line, out) -> {
                  head(
                      out,
                      200,
                      "Content-Type",
                      "application/vnd.oci.image.manifest.v1+json",
                      "Transfer-Encoding",
                      "chunked");
                  endlessChunks(out, new byte[16 * 1024]);
                });
        RegistryClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.getManifest(
                      ImageReference.parse("127.0.0.1:" + server.port() + "/app:v1")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("exceeds the limit of 4194304 bytes");
    }
  }

  @Test
  void endlessErrorBody_failsWithTheStatus() throws Exception {
    try (HostileServer server =
            server(
                (line, out) -> {
                  head(out, 404, "Content-Type", "text/plain", "Transfer-Encoding", "chunked");
                  endlessChunks(out, "not here ".repeat(100).getBytes(StandardCharsets.UTF_8));
                });
        RegistryClient client = client(server)) {
      assertThatThrownBy(
              () ->
                  client.getManifest(
                      ImageReference.parse("127.0.0.1:" + server.port() + "/app:v1")))
          .isInstanceOfSatisfying(
              RegistryErrorResponseException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void blobLongerThanItsDescriptor_endless_failsAtTheSize() throws Exception {
    Digest digest = Digest.sha256(BLOB);
    try (HostileServer server =
            server(
                (line, out) -> {
                  head(out, 200, "Transfer-Encoding", "chunked");
                  endlessChunks(out, BLOB);
                });
        RegistryClient client = client(server)) {
      Repository repository = Repository.parse("127.0.0.1:" + server.port() + "/app");
      assertThatThrownBy(
              () -> {
                try (InputStream in =
                    client.openBlob(repository, digest, BLOB.length, ProgressListener.NONE)) {
                  in.transferTo(OutputStreamSink.INSTANCE);
                }
              })
          .isInstanceOf(IOException.class);
    }
  }

  /** Discards bytes. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
