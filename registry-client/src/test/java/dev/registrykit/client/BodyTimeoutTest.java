package dev.registrykit.client;

import static dev.registrykit.client.hostile.HostileServer.head;
import static dev.registrykit.client.hostile.HostileServer.stall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.hostile.HostileServer;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A body that fails after its headers arrived — it stops, drips, or outlasts the small-body
 * deadline — fails the operation with a {@link RegistryException} naming the operation and its
 * target, whichever operation read it: manifests, blobs, tags, the catalog, referrers, tokens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BodyTimeoutTest {
  private static final String JSON = "application/json";

  /** A registry whose every answer but {@code GET /v2/} sends its headers, then stops. */
  private static HostileServer stopsAfterHeaders(String contentType) throws IOException {
    return new HostileServer(
        (line, out) -> {
          if (line.startsWith("GET /v2/ ")) {
            head(out, 200, "Content-Length", "0");
          } else {
            stopAfterHeaders(out, contentType);
          }
        });
  }

  private static void stopAfterHeaders(OutputStream out, String contentType)
      throws IOException, InterruptedException {
    head(out, 200, "Content-Type", contentType, "Content-Length", "100000");
    stall();
  }

  /** Gives up on a body after one second below one byte per second. */
  private static RegistryClient.Builder client(HostileServer server) {
    return RegistryClient.builder()
        .plainHttp(Registry.parse(registry(server)))
        .retryPolicy(RetryPolicy.none())
        .transport(
            ApacheHttpTransport.builder()
                .noSystemProxy()
                .lowSpeedLimit(1, Duration.ofSeconds(1))
                .build());
  }

  private static String registry(HostileServer server) {
    return "127.0.0.1:" + server.port();
  }

  private static void assertTimesOutNaming(String operation, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(operation + ": timed out: the body from http://127.0.0.1:")
        .hasMessageContaining("arrived slower than 1 bytes/s for 1 s")
        .hasMessageEndingWith("the registry stopped answering")
        .satisfies(e -> assertThat(((RegistryException) e).operation()).contains(operation));
  }

  @Test
  void manifest() throws Exception {
    try (HostileServer server = stopsAfterHeaders("application/vnd.oci.image.manifest.v1+json");
        RegistryClient client = client(server).build()) {
      ImageReference ref = ImageReference.parse(registry(server) + "/app:v1");

      assertTimesOutNaming("GET manifest " + ref, () -> client.getManifest(ref));
    }
  }

  @Test
  void tags() throws Exception {
    try (HostileServer server = stopsAfterHeaders(JSON);
        RegistryClient client = client(server).build()) {
      Repository repository = Repository.parse(registry(server) + "/app");

      assertTimesOutNaming("GET tags " + repository.name(), () -> client.listTags(repository));
    }
  }

  @Test
  void catalog() throws Exception {
    try (HostileServer server = stopsAfterHeaders(JSON);
        RegistryClient client = client(server).build()) {
      Registry registry = Registry.parse(registry(server));

      assertTimesOutNaming("GET catalog " + registry, () -> client.catalog(registry));
    }
  }

  @Test
  void referrers() throws Exception {
    try (HostileServer server = stopsAfterHeaders("application/vnd.oci.image.index.v1+json");
        RegistryClient client = client(server).build()) {
      Repository repository = Repository.parse(registry(server) + "/app");
      Digest subject = Digest.sha256("subject".getBytes(StandardCharsets.UTF_8));

      assertTimesOutNaming(
          "GET referrers " + repository.name() + "@" + subject,
          () -> client.referrers(repository, subject));
    }
  }

  @Test
  void blob_resumedFirst_thenNamesTheOperation() throws Exception {
    Digest digest = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));
    try (HostileServer server = stopsAfterHeaders("application/octet-stream");
        RegistryClient client = client(server).maxResumes(1).build()) {
      Repository repository = Repository.parse(registry(server) + "/app");

      assertTimesOutNaming(
          "GET blob " + repository.name() + "@" + digest,
          () -> {
            try (InputStream in = client.openBlob(repository, digest)) {
              in.readAllBytes();
            }
          });
      assertThat(server.requests)
          .as("the stalled body was resumed once before the failure was reported")
          .filteredOn(line -> line.contains("/blobs/"))
          .hasSize(2);
    }
  }

  @Test
  void token() throws Exception {
    // The realm names the server's own port, known once it runs.
    HostileServer[] self = new HostileServer[1];
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  if (line.startsWith("GET /token")) {
                    stopAfterHeaders(out, JSON);
                  } else {
                    head(
                        out,
                        401,
                        "WWW-Authenticate",
                        "Bearer realm=\"http://" + registry(self[0]) + "/token\",service=\"x\"",
                        "Content-Length",
                        "0");
                  }
                });
        RegistryClient client =
            client(server)
                .credentials(
                    CredentialProviders.fixed(
                        Registry.parse(registry(server)),
                        Credential.usernamePassword("user", "secret")))
                .build()) {
      self[0] = server;
      Repository repository = Repository.parse(registry(server) + "/app");

      assertTimesOutNaming("GET tags " + repository.name(), () -> client.listTags(repository));
      assertThat(server.requests).anyMatch(line -> line.startsWith("GET /token"));
    }
  }

  @Test
  void smallBodyDeadline_namesTheOperation() throws Exception {
    try (HostileServer server =
            new HostileServer(
                (line, out) -> {
                  if (line.startsWith("GET /v2/ ")) {
                    head(out, 200, "Content-Length", "0");
                    return;
                  }
                  head(out, 200, "Content-Type", JSON, "Content-Length", "100000");
                  while (true) { // fast enough for the low-speed limit, never done
                    out.write(' ');
                    out.flush();
                    Thread.sleep(10);
                  }
                });
        RegistryClient client =
            RegistryClient.builder()
                .plainHttp(Registry.parse(registry(server)))
                .retryPolicy(RetryPolicy.none())
                .transport(
                    ApacheHttpTransport.builder()
                        .noSystemProxy()
                        .smallBodyTimeout(Duration.ofMillis(300))
                        .build())
                .build()) {
      Repository repository = Repository.parse(registry(server) + "/app");

      assertThatThrownBy(() -> client.listTags(repository))
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith(
              "GET tags " + repository.name() + ": timed out: the body of the 200")
          .hasMessageContaining("took longer than 300 ms");
    }
  }
}
