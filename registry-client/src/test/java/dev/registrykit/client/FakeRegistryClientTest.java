package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.CorruptBlobSourceException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.Grant;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the testkit's fake registry, with its fault injection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeRegistryClientTest {
  private FakeRegistry fake;
  private RegistryClient client;

  @BeforeEach
  void start() throws IOException {
    fake = FakeRegistry.builder().referrers(false).start();
    client = TestClients.plain(fake.registry()).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    fake.close();
  }

  private static Image image(GeneratedImage generated) throws IOException {
    return RemoteDistributionTest.inMemory(
        new TestImages.TestImage(generated.manifest(), generated.config(), generated.layers()));
  }

  private byte[] readBlob(Repository repository, Bytes blob) throws IOException {
    try (InputStream in =
        client.openBlob(repository, blob.sha256(), blob.size(), ProgressListener.NONE)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261127})
  void pushThenPull_seededRandomImages_identical(long seed) throws IOException {
    System.out.println("seed " + seed);
    GeneratedImage generated = RandomImages.image(seed, 3, 20_000);

    PushResult pushed =
        Remote.push(
            client, image(generated), fake.reference("random/app:v1"), TransferOptions.defaults());
    Image pulled = Remote.image(client, fake.reference("random/app:v1"), Platform.LINUX_AMD64);

    assertThat(pushed.manifestDigest()).isEqualTo(generated.digest());
    assertThat(fake.manifest("random/app", "v1")).contains(generated.manifest());
    assertThat(pulled.rawConfig()).isEqualTo(generated.config());
    for (int i = 0; i < generated.layers().size(); i++) {
      Layer layer = pulled.layers().get(i);
      try (InputStream in = layer.open()) {
        assertThat(Bytes.readFrom(in)).isEqualTo(generated.layers().get(i));
      }
    }
  }

  @Test
  void openBlob_truncatedOnce_resumedWithRange() throws IOException {
    Bytes blob = Bytes.of(new byte[200_000]);
    fake.putBlob("faults/app", blob);
    fake.inject(Fault.truncatedBody().on(Endpoint.END_2).times(1));

    assertThat(readBlob(fake.repository("faults/app"), blob)).isEqualTo(blob.toByteArray());
    List<RecordedExchange> gets =
        fake.requests().stream()
            .filter(r -> r.endpoint().equals(Optional.of(Endpoint.END_2)))
            .toList();
    assertThat(gets).hasSize(2);
    assertThat(
            gets.get(1)
                .headers()
                .getOrDefault("Range", gets.get(1).headers().getOrDefault("range", List.of())))
        .singleElement()
        .asString()
        .startsWith("bytes=");
  }

  @Test
  void openBlob_droppedMidBody_resumed() throws IOException {
    Bytes blob = Bytes.ofUtf8("x".repeat(100_000));
    fake.putBlob("faults/app", blob);
    fake.inject(Fault.dropConnectionMidBody().on(Endpoint.END_2).times(1));

    assertThat(readBlob(fake.repository("faults/app"), blob)).isEqualTo(blob.toByteArray());
  }

  @Test
  void openBlob_wrongDigestEveryTime_neverAccepted() {
    Bytes blob = Bytes.ofUtf8("important content");
    fake.putBlob("faults/app", blob);
    fake.inject(Fault.wrongDigest().on(Endpoint.END_2).times(10));

    assertThatThrownBy(() -> readBlob(fake.repository("faults/app"), blob))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void push_layoutBlobCorruptOnDisk_fakeRefusesItAndNothingIsTagged(@TempDir Path dir)
      throws IOException {
    TestImages.TestImage generated = TestImages.image(48, 2, 100_000);
    Path layout = RemoteDistributionTest.layoutWithCorruptLayer(generated, dir);
    Image image = OciLayout.open(layout).image("v1");
    Digest corrupt = generated.layers().get(0).sha256();

    assertThatThrownBy(
            () ->
                Remote.push(
                    client, image, fake.reference("corrupt/app:v1"), TransferOptions.defaults()))
        .isInstanceOfSatisfying(
            CorruptBlobSourceException.class,
            e -> {
              assertThat(e.digest()).isEqualTo(corrupt);
              assertThat(e.getCause())
                  .isInstanceOfSatisfying(
                      RegistryErrorResponseException.class,
                      r ->
                          assertThat(
                                  r.hasCode(
                                      dev.registrykit.core.distribution.ErrorCode.DIGEST_INVALID))
                              .isTrue());
            });
    assertThat(fake.manifest("corrupt/app", "v1")).isEmpty();
    assertThat(fake.blob("corrupt/app", corrupt)).isEmpty();
  }

  @Test
  void push_layoutBlobTruncatedOnDisk_corruptSourceWithoutRetries(@TempDir Path dir)
      throws IOException {
    TestImages.TestImage generated = TestImages.image(49, 1, 100_000);
    Path layout = dir.resolve("layout");
    OciLayout.create(layout).write(RemoteDistributionTest.inMemory(generated), "v1");
    Digest layer = generated.layers().get(0).sha256();
    Path file = layout.resolve("blobs/sha256/" + layer.hex());
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 60_000));
    Image image = OciLayout.open(layout).image("v1");

    assertThatThrownBy(
            () ->
                Remote.push(
                    client, image, fake.reference("short/app:v1"), TransferOptions.defaults()))
        .isInstanceOfSatisfying(
            CorruptBlobSourceException.class,
            e -> {
              assertThat(e.digest()).isEqualTo(layer);
              assertThat(e.getCause())
                  .isInstanceOf(DigestMismatchException.class)
                  .hasMessageContaining("size mismatch");
            });
    assertThat(fake.manifest("short/app", "v1")).isEmpty();
    // A retryable failure would have asked for the upload's status (end-13) to resume it.
    assertThat(fake.requests()).noneMatch(r -> r.endpoint().equals(Optional.of(Endpoint.END_13)));
  }

  @Test
  void pull_wrongDigestEveryTime_nothingVisibleInLayout(@TempDir Path dir) throws IOException {
    GeneratedImage generated = RandomImages.image(50, 2, 70_000);
    Remote.push(
        client, image(generated), fake.reference("pull/app:v1"), TransferOptions.defaults());
    fake.inject(Fault.wrongDigest().on(Endpoint.END_2).times(100));
    Path layout = dir.resolve("layout");

    assertThatThrownBy(
            () ->
                Remote.pull(
                    client, fake.reference("pull/app:v1"), layout, TransferOptions.defaults()))
        .isInstanceOf(DigestMismatchException.class);
    try (var files = Files.list(layout.resolve("blobs/sha256"))) {
      assertThat(files.toList()).isEmpty();
    }
    assertThat(Files.readString(layout.resolve("index.json")))
        .doesNotContain(generated.digest().toString());
  }

  @Test
  void openBlob_redirectedToSecondServer_followed() throws IOException {
    Bytes blob = Bytes.ofUtf8("served elsewhere");
    fake.putBlob("faults/app", blob);
    fake.inject(Fault.redirectBlobs().times(1));

    assertThat(readBlob(fake.repository("faults/app"), blob)).isEqualTo(blob.toByteArray());
    assertThat(fake.blobServerRequests()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"status500", "drop"})
  void pushBlob_putFailsOnce_resumedAndStored(String kind) throws IOException {
    byte[] content = new byte[3_000_000];
    new java.util.Random(9).nextBytes(content);
    Bytes blob = Bytes.of(content);
    fake.inject(
        (kind.equals("drop") ? Fault.dropConnection() : Fault.status(500))
            .on(Endpoint.END_6)
            .times(1));

    client.pushBlob(
        fake.repository("faults/up"),
        blob.sha256(),
        blob.size(),
        BlobContent.ofBytes(content),
        ProgressListener.NONE);

    assertThat(fake.blob("faults/up", blob.sha256())).contains(blob);
  }

  @Test
  void pushBlob_chunkedPatchFailsOnce_resumedFromRange() throws IOException {
    byte[] content = new byte[1_000_000];
    new java.util.Random(10).nextBytes(content);
    Bytes blob = Bytes.of(content);
    fake.inject(Fault.status(500).on(Endpoint.END_5).times(1));

    try (RegistryClient chunked = TestClients.plain(fake.registry()).chunkSize(100_000).build()) {
      chunked.pushBlob(
          fake.repository("faults/chunks"),
          blob.sha256(),
          blob.size(),
          BlobContent.ofBytes(content),
          ProgressListener.NONE);
    }

    assertThat(fake.blob("faults/chunks", blob.sha256())).contains(blob);
    assertThat(fake.requests()).anySatisfy(r -> assertThat(r.endpoint()).contains(Endpoint.END_13));
  }

  @Test
  void getManifest_429WithRetryAfter_retriedBySuccess() throws IOException {
    GeneratedImage generated = RandomImages.image(5, 1, 100);
    generated.pushTo(fake, "limited/app", "v1");
    fake.inject(Fault.tooManyRequests(Duration.ofSeconds(1)).on(Endpoint.END_3).times(1));
    try (RegistryClient retrying = RegistryClient.builder().plainHttp(fake.registry()).build()) {
      assertThat(retrying.getManifest(fake.reference("limited/app:v1")).digest())
          .isEqualTo(generated.digest());
    }
  }

  @Test
  void listTags_paginatedByFake_allPagesFollowed() throws IOException {
    GeneratedImage generated = RandomImages.image(6, 1, 100);
    generated.pushTo(fake, "paged/app", "a", "b", "c", "d", "e");

    Page<Tag> first = client.listTags(fake.repository("paged/app"), 2);
    Page<Tag> second = client.listTags(fake.repository("paged/app"), first.next().orElseThrow());

    assertThat(first.items()).extracting(Tag::toString).containsExactly("a", "b");
    assertThat(second.items()).extracting(Tag::toString).containsExactly("c", "d");
    assertThat(client.listTags(fake.repository("paged/app")))
        .extracting(Tag::toString)
        .containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void referrers_withApi_noFallbackTag() throws IOException {
    try (FakeRegistry withApi = FakeRegistry.builder().referrers(true).start();
        RegistryClient c = TestClients.plain(withApi.registry()).build()) {
      GeneratedImage generated = RandomImages.image(7, 1, 100);
      generated.pushTo(withApi, "ref/app", "v1");
      withApi.putBlob("ref/app", Descriptor.EMPTY_JSON_CONTENT);
      var sig = TestImages.referrer(generated.manifest(), "application/vnd.example.sig", "s");

      c.putManifest(withApi.repository("ref/app").digest(sig.digest()), sig);

      assertThat(
              c.referrers(
                  withApi.repository("ref/app"), generated.digest(), "application/vnd.example.sig"))
          .extracting(Descriptor::digest)
          .containsExactly(sig.digest());
      assertThat(withApi.tags("ref/app")).containsExactly("v1");
    }
  }

  @Test
  void referrers_withoutApi_fallbackTagMaintained() throws IOException {
    GeneratedImage generated = RandomImages.image(8, 1, 100);
    generated.pushTo(fake, "ref/app", "v1");
    fake.putBlob("ref/app", Descriptor.EMPTY_JSON_CONTENT);
    var sig = TestImages.referrer(generated.manifest(), "application/vnd.example.sig", "s");

    client.putManifest(fake.repository("ref/app").digest(sig.digest()), sig);

    assertThat(fake.tags("ref/app")).contains("sha256-" + generated.digest().hex());
    assertThat(client.referrers(fake.repository("ref/app"), generated.digest()))
        .extracting(Descriptor::digest)
        .containsExactly(sig.digest());
  }

  @Test
  void push_bearerAuth_mountFromOtherRepositoryWidensScope() throws IOException {
    try (FakeRegistry secured =
            FakeRegistry.builder().auth(AuthMode.TOKEN).user("ci", "s3cret", Grant.all()).start();
        RegistryClient c =
            RegistryClient.builder()
                .plainHttp(secured.registry())
                .credentials(
                    dev.registrykit.client.auth.CredentialProviders.fixed(
                        secured.registry().toString(),
                        dev.registrykit.client.auth.Credential.usernamePassword("ci", "s3cret")))
                .build()) {
      GeneratedImage generated = RandomImages.image(9, 2, 1000);
      PushResult first =
          Remote.push(
              c, image(generated), secured.reference("team/base:v1"), TransferOptions.defaults());
      PushResult second =
          Remote.push(
              c,
              image(generated),
              secured.reference("team/app:v1"),
              TransferOptions.defaults().withMountFrom(secured.repository("team/base")));

      assertThat(first.pushed()).hasSize(3);
      assertThat(second.blobs())
          .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED));
      assertThat(secured.manifest("team/app", "v1")).contains(generated.manifest());
    }
  }

  @Test
  void copy_indexAcrossRegistries_streamedWithSameDigests() throws IOException {
    var index = RandomImages.index(11, List.of("linux/amd64", "linux/arm64"), 2, 50_000);
    index.pushTo(fake, "src/app", "v1");
    try (FakeRegistry other = FakeRegistry.builder().start();
        RegistryClient target = TestClients.plain(other.registry()).build()) {
      PushResult result =
          Remote.copy(
              client,
              fake.reference("src/app:v1"),
              target,
              other.reference("dst/app:v1"),
              TransferOptions.defaults());

      assertThat(result.manifestDigest()).isEqualTo(index.digest());
      assertThat(result.blobs())
          .isNotEmpty()
          .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.PUSHED));
      assertThat(other.manifest("dst/app", "v1")).contains(index.manifest());
      for (GeneratedImage image : index.images()) {
        assertThat(other.manifest("dst/app", image.digest().toString())).contains(image.manifest());
        for (var blob : image.blobs().entrySet()) {
          assertThat(other.blob("dst/app", blob.getKey())).contains(blob.getValue());
        }
      }
      PushResult again =
          Remote.copy(
              client,
              fake.reference("src/app:v1"),
              target,
              other.reference("dst/app:v2"),
              TransferOptions.defaults());
      assertThat(again.pushed()).isEmpty();
    }
  }
}
