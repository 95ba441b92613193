package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.registries.Mirror;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.registries.RegistryRoute;
import dev.registrykit.client.remote.PullResult;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.EndpointFamily;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls through mirrors: failover on every kind of mirror failure, verified bytes, pushes to the
 * primary only.
 */
@Timeout(60)
class MirrorsTest {
  private static final GeneratedImage IMAGE = RandomImages.image(21, 2, 4096);

  @TempDir Path dir;
  private FakeRegistry primary;
  private FakeRegistry mirror;

  @BeforeEach
  void start() throws IOException {
    primary = FakeRegistry.start();
    mirror = FakeRegistry.start();
    IMAGE.pushTo(primary, "team/app", "1");
    IMAGE.pushTo(mirror, "team/app", "1");
  }

  @AfterEach
  void stop() {
    try (FakeRegistry p = primary;
        FakeRegistry m = mirror) {
      primary = null;
      mirror = null;
    }
  }

  private RegistryClient client(RegistryRoute route) {
    return RegistryClient.builder()
        .plainHttp(Registry.parse(primary.host()), Registry.parse(mirror.host()))
        .retryPolicy(RetryPolicy.none())
        .registries(RegistriesConfig.of(route))
        .build();
  }

  private RegistryRoute mirrored() {
    return RegistryRoute.of(primary.host()).withMirrors(Mirror.of(mirror.host()));
  }

  private ImageReference ref() {
    return ImageReference.parse(primary.host() + "/team/app:1");
  }

  /** Who served each blob, as progress events report it. */
  private final Map<Digest, List<String>> servedBy = new ConcurrentHashMap<>();

  private PullResult pull(RegistryClient client, ImageReference reference) throws IOException {
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void blobServedBy(Digest digest, Repository source) {
            servedBy
                .computeIfAbsent(digest, d -> new CopyOnWriteArrayList<>())
                .add(source.registry().toString());
          }
        };
    PullResult result =
        Remote.pull(
            client,
            reference,
            dir.resolve("layout"),
            TransferOptions.defaults().withListener(listener));
    // Every blob in the layout is intact: nothing corrupt was kept.
    OciLayout layout = OciLayout.open(dir.resolve("layout"));
    for (Map.Entry<Digest, dev.registrykit.core.digest.Bytes> blob : IMAGE.blobs().entrySet()) {
      assertThat(
              Digest.sha256(
                  Files.readAllBytes(dir.resolve("layout/blobs/sha256/" + blob.getKey().hex()))))
          .isEqualTo(blob.getKey());
    }
    assertThat(layout).isNotNull();
    return result;
  }

  private static long count(FakeRegistry registry, Function<RecordedExchange, Boolean> which) {
    return registry.requests().stream().filter(which::apply).count();
  }

  private static boolean blobGet(RecordedExchange e) {
    return e.method().equals("GET") && e.path().contains("/blobs/sha256:");
  }

  @Test
  void mirrorServes_primaryReceivesNoPull() throws IOException {
    PullResult result;
    try (RegistryClient client = client(mirrored())) {
      result = pull(client, ref());
    }
    assertThat(result.servedBy().values())
        .containsOnly(Repository.parse(mirror.host() + "/team/app"));
    assertThat(count(primary, MirrorsTest::blobGet)).isZero();
    assertThat(count(primary, e -> e.path().contains("/manifests/"))).isZero();
    assertThat(servedBy).hasSize(IMAGE.blobs().size());
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(mirror.host()));
  }

  @Test
  void mirrorDown_fallsOverToThePrimary() throws IOException {
    FakeRegistry down = FakeRegistry.start();
    String downHost = down.host();
    down.close();
    RegistryRoute route =
        RegistryRoute.of(primary.host()).withMirrors(Mirror.of(downHost).insecure());
    try (RegistryClient client = client(route)) {
      pull(client, ref());
    }
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(primary.host()));
  }

  @Test
  void mirrorWithout_theImage_404_fallsOverToThePrimary() throws IOException {
    mirror.reset();
    try (RegistryClient client = client(mirrored())) {
      pull(client, ref());
    }
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(primary.host()));
  }

  @Test
  void mirrorRateLimited_fallsOverToThePrimary() throws IOException {
    mirror.inject(Fault.tooManyRequests(Duration.ofHours(1)).always());
    try (RegistryClient client = client(mirrored())) {
      pull(client, ref());
    }
    assertThat(count(mirror, e -> e.status() == 429)).isPositive();
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(primary.host()));
  }

  @Test
  void mirrorServerError_fallsOverToThePrimary() throws IOException {
    mirror.inject(Fault.status(503).on(EndpointFamily.BLOBS).always());
    try (RegistryClient client = client(mirrored())) {
      pull(client, ref());
    }
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(primary.host()));
  }

  @Test
  void mirrorServesCorruptBlobs_neverKept_eachBlobRefetchedFromThePrimary() throws IOException {
    mirror.inject(Fault.wrongDigest().on(Endpoint.END_2).always());
    PullResult result;
    try (RegistryClient client = client(mirrored())) {
      result = pull(client, ref());
    }
    assertThat(result.servedBy()).hasSize(IMAGE.blobs().size());
    assertThat(result.servedBy().values()).containsOnly(ref().repository());
    assertThat(servedBy).hasSize(IMAGE.blobs().size());
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(mirror.host(), primary.host()));
  }

  @Test
  void copy_mirrorServesCorruptBlobs_neverStoredInTheTarget_primaryServesThem() throws IOException {
    mirror.inject(Fault.wrongDigest().on(Endpoint.END_2).always());
    try (FakeRegistry target = FakeRegistry.start();
        RegistryClient client = client(mirrored())) {
      ImageReference to = ImageReference.parse(target.host() + "/copy/app:1");
      RegistryClient writer = TestClients.plain(Registry.parse(target.host())).build();
      PushResult copied;
      try (writer) {
        copied = Remote.copy(client, ref(), writer, to, TransferOptions.defaults());
      }

      assertThat(copied.manifestDigest()).isEqualTo(IMAGE.digest());
      assertThat(count(mirror, MirrorsTest::blobGet)).isEqualTo(IMAGE.blobs().size());
      assertThat(count(primary, MirrorsTest::blobGet)).isEqualTo(IMAGE.blobs().size());
      // Every blob the target holds is intact: the corrupt copies never got there.
      try (RegistryClient reader = TestClients.plain(Registry.parse(target.host())).build()) {
        for (Digest digest : IMAGE.blobs().keySet()) {
          try (java.io.InputStream in = reader.openBlob(to.repository(), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          }
        }
      }
      assertThat(target.requests())
          .filteredOn(e -> e.method().equals("PUT") && e.path().contains("/blobs/uploads/"))
          .allMatch(e -> e.status() == 201 || e.status() >= 400);
    }
  }

  @Test
  void manifestByDigest_mirrorServesOtherBytes_rejectedAndPrimaryUsed() throws IOException {
    mirror.inject(Fault.wrongDigest().on(Endpoint.END_3).always());
    ImageReference byDigest =
        ImageReference.of(Repository.parse(primary.host() + "/team/app"), IMAGE.digest());
    try (RegistryClient client = client(mirrored())) {
      ManifestResponse manifest = client.getManifest(byDigest);

      assertThat(manifest.digest()).isEqualTo(IMAGE.digest());
    }
    assertThat(count(mirror, e -> e.path().contains("/manifests/"))).isPositive();
    assertThat(count(primary, e -> e.method().equals("GET") && e.path().contains("/manifests/")))
        .isOne();
  }

  @Test
  void mirrorByDigestOnly_tagPullSkipsTheMirror_digestPullUsesIt() throws IOException {
    try (RegistryClient client = client(mirrored().mirrorByDigestOnly())) {
      client.getManifest(ref());
      assertThat(count(mirror, e -> e.path().contains("/manifests/"))).isZero();

      client.getManifest(ref().withoutTag().withDigest(IMAGE.digest()));
      assertThat(count(mirror, e -> e.path().contains("/manifests/"))).isOne();
    }
  }

  @Test
  void pullFromMirrorTagOnly_digestPullSkipsIt() throws IOException {
    RegistryRoute route =
        RegistryRoute.of(primary.host())
            .withMirrors(Mirror.of(mirror.host()).pullFrom(Mirror.PullFrom.TAG_ONLY));
    try (RegistryClient client = client(route)) {
      client.getManifest(ref().withoutTag().withDigest(IMAGE.digest()));
    }
    assertThat(count(mirror, e -> e.path().contains("/manifests/"))).isZero();
  }

  @Test
  void push_goesToThePrimaryOnly() throws IOException {
    mirror.reset();
    try (RegistryClient client = client(mirrored())) {
      Remote.push(
          client,
          IMAGE.asImage(),
          ImageReference.parse(primary.host() + "/team/new:1"),
          TransferOptions.defaults());
    }
    assertThat(mirror.requests()).isEmpty();
    assertThat(primary.requests())
        .anyMatch(e -> e.method().equals("PUT") && e.path().contains("/manifests/1"));
  }

  @Test
  void registriesConf_prefixRewrite_pullsFromTheLocation() throws IOException {
    IMAGE.pushTo(mirror, "internal/team/app", "1");
    Path conf =
        Files.writeString(
            dir.resolve("registries.conf"),
            "unqualified-search-registries = [\"example.com\"]\n"
                + "[[registry]]\n"
                + "prefix = \"example.com/acme\"\n"
                + "location = \""
                + mirror.host()
                + "/internal\"\n"
                + "insecure = true\n");
    try (RegistryClient client =
        RegistryClient.builder()
            .retryPolicy(RetryPolicy.none())
            .registries(RegistriesConfig.parse(conf))
            .build()) {
      pull(client, ImageReference.parse("example.com/acme/team/app:1"));
    }
    assertThat(mirror.requests())
        .anyMatch(e -> e.path().equals("/v2/internal/team/app/manifests/1"));
    assertThat(servedBy.values())
        .allSatisfy(sources -> assertThat(sources).containsExactly(mirror.host()));
  }
}
