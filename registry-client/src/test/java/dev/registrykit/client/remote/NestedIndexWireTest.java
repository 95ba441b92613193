package dev.registrykit.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile registry serving an index whose child is an index whose child is … 15,000 levels deep,
 * every level a valid manifest under its true digest: pull and copy stop at the depth limit after a
 * handful of requests, with an error naming the limit.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NestedIndexWireTest {
  private static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final int LEVELS = 15_000;

  private final Map<String, byte[]> manifests = new HashMap<>();
  private final AtomicInteger manifestGets = new AtomicInteger();
  private MockWebServer server;
  private RegistryClient client;
  private Registry registry;

  @BeforeEach
  void start() throws IOException {
    String child = null;
    int childSize = 0;
    for (int level = LEVELS; level >= 1; level--) {
      String entries =
          child == null
              ? ""
              : "{\"mediaType\":\""
                  + INDEX
                  + "\",\"digest\":\""
                  + child
                  + "\",\"size\":"
                  + childSize
                  + "}";
      byte[] bytes =
          ("{\"schemaVersion\":2,\"mediaType\":\""
                  + INDEX
                  + "\",\"manifests\":["
                  + entries
                  + "],"
                  + "\"annotations\":{\"level\":\""
                  + level
                  + "\"}}")
              .getBytes(StandardCharsets.UTF_8);
      child = Digest.sha256(bytes).toString();
      childSize = bytes.length;
      manifests.put(child, bytes);
    }
    manifests.put("deep", manifests.get(child));
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String target = request.getTarget();
            if (target.equals("/v2/")) {
              return new MockResponse.Builder().code(200).build();
            }
            byte[] bytes = manifests.get(target.substring(target.lastIndexOf('/') + 1));
            if (!target.contains("/manifests/") || bytes == null) {
              return new MockResponse.Builder().code(404).build();
            }
            manifestGets.incrementAndGet();
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", INDEX)
                .addHeader("Docker-Content-Digest", Digest.sha256(bytes).toString())
                .body(new okio.Buffer().write(bytes))
                .build();
          }
        });
    server.start();
    registry = Registry.parse("127.0.0.1:" + server.getPort());
    client = RegistryClient.builder().plainHttp(registry).retryPolicy(RetryPolicy.none()).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private ImageReference ref(String s) {
    return ImageReference.parse(registry + "/" + s);
  }

  @Test
  void pull_15000LevelIndexChain_stopsAtTheDepthLimit(@TempDir Path layout) {
    assertThatThrownBy(
            () -> Remote.pull(client, ref("hostile/app:deep"), layout, TransferOptions.defaults()))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("indexes nest more than 4 deep");
    assertThat(manifestGets.get()).isEqualTo(5);
  }

  @Test
  void copy_15000LevelIndexChain_stopsAtTheConfiguredLimit() {
    assertThatThrownBy(
            () ->
                Remote.copy(
                    client,
                    ref("hostile/app:deep"),
                    ref("copy/app:v1"),
                    TransferOptions.defaults().withMaxIndexDepth(2)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("indexes nest more than 2 deep");
    assertThat(manifestGets.get()).isEqualTo(3);
  }
}
