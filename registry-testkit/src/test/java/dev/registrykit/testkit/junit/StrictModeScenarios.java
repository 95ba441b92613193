package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.FakeRegistry;
import org.junit.jupiter.api.Test;

/**
 * Not run by Surefire (no Test suffix): {@link FakeRegistryStrictTest} runs it through the JUnit
 * Platform launcher and checks which of its tests fail.
 */
@EnableFakeRegistry(strict = true)
class StrictModeScenarios {
  @Test
  void onlyKnownRoutes(FakeRegistry registry) throws Exception {
    Probe.get(registry, "/v2/");
    Probe.get(registry, "/v2/a/b/tags/list");
  }

  @Test
  void unknownRoute(FakeRegistry registry) throws Exception {
    Probe.get(registry, "/v2/a/b/nonsense");
  }

  @Test
  void unsupportedMethod(FakeRegistry registry) throws Exception {
    java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(registry.url("/v2/a/b/tags/list"))
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
  }
}
