package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Small helpers the extension tests share: talk to the injected registry with the JDK client. */
final class Probe {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Probe() {}

  static int get(FakeRegistry registry, String path) throws Exception {
    return CLIENT
        .send(
            HttpRequest.newBuilder(URI.create(registry.baseUri() + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Asserts the registry is empty, then pushes one blob into it. */
  static void assertEmptyThenWrite(FakeRegistry registry) throws Exception {
    assertThat(registry.repositories()).isEmpty();
    assertThat(registry.requests()).isEmpty();
    assertThat(get(registry, "/v2/")).isEqualTo(200);
    registry.putBlob("probe/repo", "x".getBytes(StandardCharsets.UTF_8));
    assertThat(registry.repositories()).containsExactly("probe/repo");
  }
}
