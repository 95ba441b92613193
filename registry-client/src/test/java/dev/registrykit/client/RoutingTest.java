package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.registries.Mirror;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.registries.RegistryRoute;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every operation goes where registries.conf routes it: the primary location (with its prefix
 * rewrite) for everything but pulls, which may use mirrors first; a blocked registry is refused for
 * every operation before anything is sent.
 */
@Timeout(60)
class RoutingTest {
  private static final GeneratedImage IMAGE = RandomImages.image(31, 2, 512);

  private FakeRegistry location;
  private FakeRegistry mirror;

  @BeforeEach
  void start() throws IOException {
    location = FakeRegistry.start();
    mirror = FakeRegistry.start();
  }

  @AfterEach
  void stop() {
    try (FakeRegistry l = location;
        FakeRegistry m = mirror) {
      location = null;
      mirror = null;
    }
  }

  /** {@code example.com/acme/...} lives at {@code <location>/internal/...}, mirrored. */
  private RegistryClient client() {
    return client(
        RegistryRoute.of("example.com/acme")
            .withLocation(location.host() + "/internal")
            .insecure()
            .withMirrors(Mirror.of(mirror.host()).insecure()));
  }

  private static RegistryClient client(RegistryRoute... routes) {
    return RegistryClient.builder()
        .retryPolicy(RetryPolicy.none())
        .registries(RegistriesConfig.of(routes))
        .build();
  }

  private static ImageReference acme(String repositoryAndTag) {
    return ImageReference.parse("example.com/acme/" + repositoryAndTag);
  }

  @Test
  void push_goesToTheRewrittenPrimaryLocation_neverToAMirror() throws IOException {
    try (RegistryClient client = client()) {
      PushResult pushed =
          Remote.push(client, IMAGE.asImage(), acme("team/app:1"), TransferOptions.defaults());

      assertThat(pushed.repository()).isEqualTo(acme("team/app:1").repository());
    }
    assertThat(mirror.requests()).isEmpty();
    assertThat(location.requests())
        .anyMatch(
            e -> e.method().equals("PUT") && e.path().equals("/v2/internal/team/app/manifests/1"));
    assertThat(location.requests()).allMatch(e -> !e.path().startsWith("/v2/acme"));
  }

  @Test
  void headListDeleteStatMount_useTheRewrittenLocation() throws IOException {
    IMAGE.pushTo(location, "internal/team/app", "1", "2");
    Digest layer = IMAGE.layers().get(0).sha256();
    try (RegistryClient client = client()) {
      Optional<Descriptor> head = client.headManifest(acme("team/app:1"));
      assertThat(head.map(Descriptor::digest)).contains(IMAGE.digest());

      assertThat(client.listTags(acme("team/app").repository()))
          .containsExactlyInAnyOrder(Tag.parse("1"), Tag.parse("2"));
      assertThat(client.listTags(acme("team/app").repository(), 1).items()).hasSize(1);

      assertThat(client.statBlob(acme("team/app").repository(), layer)).isPresent();
      assertThat(
              client.mountBlob(
                  acme("team/other").repository(), layer, acme("team/app").repository()))
          .isTrue();

      client.deleteTag(acme("team/app:2"));
      assertThat(client.listTags(acme("team/app").repository())).containsExactly(Tag.parse("1"));
    }
    assertThat(mirror.requests()).isEmpty();
    assertThat(location.requests())
        .extracting(RecordedExchange::path)
        .allMatch(p -> p.equals("/v2/") || p.startsWith("/v2/internal/team/"));
  }

  @Test
  void catalogOfARewrittenRegistry_listsTheLocationsNamespace_underTheCallersNames()
      throws IOException {
    IMAGE.pushTo(location, "internal/team/app", "1");
    IMAGE.pushTo(location, "elsewhere/app", "1");
    try (RegistryClient client =
        client(
            RegistryRoute.of("example.com")
                .withLocation(location.host() + "/internal")
                .insecure())) {
      assertThat(client.catalog(Registry.parse("example.com")))
          .containsExactly(Repository.parse("example.com/team/app"));
      assertThat(client.ping(Registry.parse("example.com"))).isPresent();
    }
  }

  @Test
  void blockedRegistry_everyOperationRefusedBeforeAnyRequest() {
    Repository repository = Repository.parse(location.host() + "/team/app");
    ImageReference tag = ImageReference.of(repository, Tag.parse("1"));
    Digest digest = IMAGE.digest();
    List<ThrowingCall> calls =
        List.of(
            c -> c.ping(repository.registry()),
            c -> c.getManifest(tag),
            c -> c.headManifest(tag),
            c -> c.rateLimit(tag),
            c -> c.putManifest(tag, IMAGE.manifest()),
            c -> c.deleteManifest(tag),
            c -> c.deleteTag(tag),
            c -> c.statBlob(repository, digest),
            c -> c.openBlob(repository, digest),
            c -> c.openBlobFrom(repository, digest, 10),
            c -> c.deleteBlob(repository, digest),
            c ->
                c.pushBlob(
                    repository, digest, 2, BlobContent.ofBytes(new byte[2]), ProgressListener.NONE),
            c -> c.mountBlob(repository, digest),
            c -> c.listTags(repository),
            c -> c.listTags(repository, 10),
            c -> c.listTags(repository, URI.create("/v2/team/app/tags/list?n=1")),
            c -> c.catalog(repository.registry()),
            c -> c.catalog(repository.registry(), 10),
            c -> c.referrers(repository, digest));
    try (RegistryClient client = client(RegistryRoute.of(location.host()).blocked())) {
      for (ThrowingCall call : calls) {
        assertThatThrownBy(() -> call.run(client))
            .isInstanceOf(RegistryException.class)
            .hasMessageContaining("is blocked by the registries configuration");
      }
      assertThat(client.lastRateLimit(repository)).isEmpty();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(location.requests()).isEmpty();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run(RegistryClient client) throws IOException;
  }
}
