package dev.registrykit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import dev.registrykit.testkit.junit.EnableFakeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How to test your own registry code: {@code @EnableFakeRegistry} starts an in-memory registry for
 * each test and injects it; seed it, point a client at it, and assert. No Docker, no network.
 */
@Timeout(60)
@EnableFakeRegistry
class ResolveTagToImageIdTest {

  @Test
  void resolve_pushedImage_givesManifestDigestAndShortImageId(FakeRegistry registry)
      throws Exception {
    // given: an image stored in the fake under figlet:latest
    GeneratedImage image = RandomImages.image(42, 2, 1024);
    image.pushTo(registry, "figlet", "latest");
    ImageReference ref = registry.reference("figlet:latest");

    // when: the code under test runs with a client pointed at the fake (plain HTTP, on loopback)
    String line;
    try (RegistryClient client = clientFor(registry)) {
      line = ResolveTagToImageId.resolve(client, ref);
    }

    // then
    assertThat(line)
        .isEqualTo(
            ref
                + " -> manifest "
                + image.digest()
                + " -> image ID "
                + image.configDigest().hex().substring(0, 12));
  }

  @Test
  void resolve_unknownTag_throwsNotFound(FakeRegistry registry) throws Exception {
    try (RegistryClient client = clientFor(registry)) {
      assertThatThrownBy(
              () -> ResolveTagToImageId.resolve(client, registry.reference("figlet:nope")))
          .isInstanceOf(ManifestNotFoundException.class);
    }
  }

  // The one line that connects a client to the fake.
  private static RegistryClient clientFor(FakeRegistry registry) {
    return RegistryClient.builder()
        .transport(ApacheHttpTransport.create())
        .plainHttp(registry.registry())
        .build();
  }
}
