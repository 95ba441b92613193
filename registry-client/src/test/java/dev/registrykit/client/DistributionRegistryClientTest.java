package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.TestImages.TestImage;
import dev.registrykit.client.errors.BlobNotFoundException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the real CNCF Distribution registry 2.8 over plain HTTP on loopback. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DistributionRegistryClientTest extends PlainDistributionTestBase {
  private static Repository repository(String path) {
    return Repository.of(name, path);
  }

  private static void pushImage(Repository repository, TestImage image, String tag)
      throws IOException {
    for (Bytes blob : image.blobs()) {
      client.ensureBlob(
          repository,
          blob.sha256(),
          blob.size(),
          BlobContent.ofBytes(blob.toByteArray()),
          List.of(),
          ProgressListener.NONE);
    }
    client.putManifest(repository.tag(Tag.parse(tag)), image.manifest());
  }

  @Test
  void ping_distribution_reportsApiVersion() throws IOException {
    assertThat(client.ping(name)).contains("registry/2.0");
  }

  @Test
  void pushThenPull_randomImage_sameDigestsAndBytes() throws IOException {
    Repository repository = repository("roundtrip/app");
    TestImage image = TestImages.image(11, 3, 100_000);

    pushImage(repository, image, "v1");
    ManifestResponse pulled = client.getManifest(repository.tag(Tag.parse("v1")));

    assertThat(pulled.digest()).isEqualTo(image.digest());
    assertThat(pulled.manifest().bytes()).isEqualTo(image.manifest().bytes());
    for (Bytes blob : image.blobs()) {
      try (InputStream in =
          client.openBlob(repository, blob.sha256(), blob.size(), ProgressListener.NONE)) {
        assertThat(Bytes.readFrom(in)).isEqualTo(blob);
      }
    }
    assertThat(client.headManifest(repository.tag(Tag.parse("v1"))))
        .map(Descriptor::digest)
        .contains(image.digest());
  }

  @Test
  void getManifest_ociManifest_servedBecauseAcceptListsOciTypes() throws IOException {
    Repository repository = repository("accept/app");
    TestImage image = TestImages.image(12, 1, 10);
    pushImage(repository, image, "v1");

    assertThat(client.getManifest(repository.digest(image.digest())).manifest().mediaType())
        .isEqualTo(image.manifest().mediaType());
  }

  @Test
  void ensureBlob_presentThenMountThenUpload_reportsEachOutcome() throws IOException {
    Repository source = repository("mount/source");
    Repository target = repository("mount/target");
    Bytes blob = Bytes.of(new byte[] {1, 2, 3, 4, 5});
    BlobContent content = BlobContent.ofBytes(blob.toByteArray());

    BlobResult first =
        client.ensureBlob(
            source, blob.sha256(), blob.size(), content, List.of(), ProgressListener.NONE);
    BlobResult again =
        client.ensureBlob(
            source, blob.sha256(), blob.size(), content, List.of(), ProgressListener.NONE);
    BlobResult mounted =
        client.ensureBlob(
            target,
            blob.sha256(),
            blob.size(),
            content,
            List.of(repository("mount/unknown"), source),
            ProgressListener.NONE);

    assertThat(first.outcome()).isEqualTo(BlobResult.Outcome.PUSHED);
    assertThat(again.outcome()).isEqualTo(BlobResult.Outcome.ALREADY_PRESENT);
    assertThat(mounted.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED);
    assertThat(mounted.mountedFrom()).contains(source);
    assertThat(client.statBlob(target, blob.sha256())).isPresent();
  }

  @Test
  void mountBlob_withAndWithoutFrom_distributionMountsOnlyWithKnownSource() throws IOException {
    Repository source = repository("mount2/source");
    Bytes blob = Bytes.ofUtf8("mount me");
    client.pushBlob(
        source,
        blob.sha256(),
        blob.size(),
        BlobContent.ofBytes(blob.toByteArray()),
        ProgressListener.NONE);

    assertThat(client.mountBlob(repository("mount2/a"), blob.sha256())).isFalse();
    assertThat(client.mountBlob(repository("mount2/b"), blob.sha256(), source)).isTrue();
    assertThat(client.statBlob(repository("mount2/b"), blob.sha256())).isPresent();
  }

  @Test
  void pushBlob_chunkedAndStreamed_storedWithRightDigest() throws IOException {
    Repository repository = repository("chunks/app");
    byte[] content = new byte[300_000];
    new java.util.Random(5).nextBytes(content);
    Bytes blob = Bytes.of(content);
    try (RegistryClient chunked = TestClients.plain(name).chunkSize(64 * 1024).build()) {
      chunked.pushBlob(
          repository,
          blob.sha256(),
          blob.size(),
          BlobContent.ofBytes(content),
          ProgressListener.NONE);
    }
    byte[] other = new byte[70_000];
    new java.util.Random(6).nextBytes(other);
    var streamed =
        client.pushBlob(repository, new java.io.ByteArrayInputStream(other), ProgressListener.NONE);

    assertThat(client.statBlob(repository, blob.sha256())).map(s -> s.size()).contains(300_000L);
    assertThat(streamed.digest()).isEqualTo(Digest.sha256(other));
    assertThat(client.statBlob(repository, streamed.digest())).isPresent();
  }

  @Test
  void pushBlob_singlePostProbe_distributionAnswers202AndUploadStillSucceeds() throws IOException {
    Repository repository = repository("singlepost/app");
    Bytes first = Bytes.ofUtf8("first small blob");
    Bytes second = Bytes.ofUtf8("second small blob");

    client.pushBlob(
        repository,
        first.sha256(),
        first.size(),
        BlobContent.ofBytes(first.toByteArray()),
        ProgressListener.NONE);
    client.pushBlob(
        repository,
        second.sha256(),
        second.size(),
        BlobContent.ofBytes(second.toByteArray()),
        ProgressListener.NONE);

    try (InputStream in = client.openBlob(repository, first.sha256())) {
      assertThat(Bytes.readFrom(in)).isEqualTo(first);
    }
    assertThat(client.statBlob(repository, second.sha256())).isPresent();
  }

  @Test
  void tagListUntagDelete_fullLifecycle() throws IOException {
    Repository repository = repository("lifecycle/app");
    TestImage image = TestImages.image(13, 2, 1000);
    pushImage(repository, image, "v1");

    Digest tagged =
        client.tag(repository.tag(Tag.parse("v1")), Tag.parse("v2"), Tag.parse("latest"));
    assertThat(tagged).isEqualTo(image.digest());
    assertThat(client.listTags(repository))
        .extracting(Tag::toString)
        .containsExactlyInAnyOrder("v1", "v2", "latest");
    assertThat(client.getManifest(repository.tag(Tag.parse("v2"))).digest())
        .isEqualTo(image.digest());

    client.deleteTag(repository.tag(Tag.parse("v2")));
    assertThat(client.listTags(repository))
        .extracting(Tag::toString)
        .containsExactlyInAnyOrder("v1", "latest");
    assertThat(client.getManifest(repository.tag(Tag.parse("v1"))).digest())
        .isEqualTo(image.digest());

    Digest deleted = client.deleteManifest(repository.tag(Tag.parse("v1")));
    assertThat(deleted).isEqualTo(image.digest());
    assertThatThrownBy(() -> client.getManifest(repository.tag(Tag.parse("latest"))))
        .isInstanceOf(ManifestNotFoundException.class)
        .hasMessageContaining("GET manifest")
        .hasMessageContaining("MANIFEST_UNKNOWN");
    assertThat(client.listTags(repository)).isEmpty();
  }

  @Test
  void deleteTag_missingTag_notFound() throws IOException {
    Repository repository = repository("untag/app");
    pushImage(repository, TestImages.image(14, 1, 10), "v1");

    assertThatThrownBy(() -> client.deleteTag(repository.tag(Tag.parse("nope"))))
        .isInstanceOf(ManifestNotFoundException.class);
  }

  @Test
  void deleteBlob_present_goneFromRepository() throws IOException {
    Repository repository = repository("deleteblob/app");
    Bytes blob = Bytes.ofUtf8("to be deleted");
    client.pushBlob(
        repository,
        blob.sha256(),
        blob.size(),
        BlobContent.ofBytes(blob.toByteArray()),
        ProgressListener.NONE);

    client.deleteBlob(repository, blob.sha256());

    assertThat(client.statBlob(repository, blob.sha256())).isEmpty();
    assertThatThrownBy(() -> client.openBlob(repository, blob.sha256()))
        .isInstanceOf(BlobNotFoundException.class)
        .satisfies(
            e -> assertThat(((BlobNotFoundException) e).hasCode(ErrorCode.BLOB_UNKNOWN)).isTrue());
  }

  @Test
  void catalog_pageSizeOne_followsRelativeLinks() throws IOException {
    pushImage(repository("catalog/a"), TestImages.image(15, 1, 10), "v1");
    pushImage(repository("catalog/b"), TestImages.image(16, 1, 10), "v1");

    Page<Repository> first = client.catalog(name, 1);
    List<Repository> all = client.catalog(name);

    assertThat(first.items()).hasSize(1);
    assertThat(first.next()).isPresent();
    assertThat(first.next().get().isAbsolute()).isTrue();
    assertThat(all).contains(repository("catalog/a"), repository("catalog/b"));
    assertThat(all).doesNotHaveDuplicates();
  }

  /** An image tagged {@code v1} and two manifests referring to it. */
  private record Referred(TestImage image, RawManifest signature, RawManifest sbom) {}

  /**
   * Pushes an image, then a signature and an SBOM whose subject it is (both on the empty config).
   */
  private Referred pushWithSignatureAndSbom(Repository repository, int seed) throws IOException {
    TestImage image = TestImages.image(seed, 1, 10);
    pushImage(repository, image, "v1");
    client.pushBlob(
        repository,
        Descriptor.EMPTY_JSON.digest(),
        2,
        BlobContent.ofBytes(Descriptor.EMPTY_JSON_CONTENT.toByteArray()),
        ProgressListener.NONE);
    RawManifest signature =
        TestImages.referrer(image.manifest(), "application/vnd.example.signature", "sig");
    RawManifest sbom =
        TestImages.referrer(image.manifest(), "application/vnd.example.sbom", "sbom");
    client.putManifest(repository.digest(signature.digest()), signature);
    client.putManifest(repository.digest(sbom.digest()), sbom);
    return new Referred(image, signature, sbom);
  }

  @Test
  void referrers_withoutApi_fallbackTagWrittenAndRead() throws IOException {
    Repository repository = repository("referrers/app");
    Referred pushed = pushWithSignatureAndSbom(repository, 17);

    List<Descriptor> all = client.referrers(repository, pushed.image().digest());
    List<Descriptor> sboms =
        client.referrers(repository, pushed.image().digest(), "application/vnd.example.sbom");
    assertThat(all)
        .extracting(Descriptor::digest)
        .containsExactlyInAnyOrder(pushed.signature().digest(), pushed.sbom().digest());
    assertThat(sboms).extracting(Descriptor::digest).containsExactly(pushed.sbom().digest());
    assertThat(sboms.get(0).annotations()).containsEntry("note", "sbom");
    assertThat(client.listTags(repository))
        .extracting(Tag::toString)
        .contains("sha256-" + pushed.image().digest().hex());
    assertThat(client.referrers(repository, pushed.signature().digest())).isEmpty();
  }

  @Test
  void deleteManifest_referrerWithoutApi_removedFromFallbackTag() throws IOException {
    Repository repository = repository("referrers/deleted");
    Referred pushed = pushWithSignatureAndSbom(repository, 18);

    client.deleteManifest(repository.digest(pushed.signature().digest()));

    assertThat(client.referrers(repository, pushed.image().digest()))
        .extracting(Descriptor::digest)
        .containsExactly(pushed.sbom().digest());
    assertThat(client.headManifest(repository.digest(pushed.signature().digest()))).isEmpty();
    assertThat(client.headManifest(repository.tag(Tag.parse("v1")))).isPresent();
  }

  @Test
  void copy_indexToOtherRepository_mountsBlobsAndKeepsDigests() throws IOException {
    Repository source = repository("copy/source");
    TestImage amd = TestImages.image(18, 2, 5000);
    TestImage arm = TestImages.image(19, 2, 5000);
    pushImage(source, amd, "amd");
    pushImage(source, arm, "arm");
    var index = TestImages.index(List.of(amd, arm));
    client.putManifest(source.tag(Tag.parse("multi")), index);
    List<String> events = new CopyOnWriteArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void blobMounted(Digest digest, long size, Repository from) {
            events.add("mounted " + digest.shortHex() + " from " + from);
          }

          @Override
          public void manifestPushed(ImageReference reference, Digest digest, long size) {
            events.add("manifest " + digest.shortHex());
          }
        };

    PushResult result =
        Remote.copy(
            client,
            source.tag(Tag.parse("multi")),
            client,
            repository("copy/target").tag(Tag.parse("v1")),
            TransferOptions.defaults()
                .withListener(listener)
                .withAdditionalTags(Tag.parse("also")));

    assertThat(result.manifestDigest()).isEqualTo(index.digest());
    assertThat(result.blobs())
        .hasSize(6)
        .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED));
    assertThat(result.summary())
        .contains("Mounted from copy/source")
        .contains("v1: digest: " + index.digest())
        .contains("also: digest: ");
    assertThat(events).filteredOn(e -> e.startsWith("manifest")).hasSize(3);
    assertThat(client.getManifest(repository("copy/target").tag(Tag.parse("also"))).digest())
        .isEqualTo(index.digest());
    assertThat(client.getManifest(repository("copy/target").digest(amd.digest())).digest())
        .isEqualTo(amd.digest());
  }

  @Test
  void putManifest_missingBlob_manifestBlobUnknown() {
    Repository repository = repository("invalid/app");
    TestImage image = TestImages.image(20, 1, 10);

    assertThatThrownBy(() -> client.putManifest(repository.tag(Tag.parse("v1")), image.manifest()))
        .isInstanceOf(RegistryErrorResponseException.class)
        .hasMessageContaining("PUT manifest " + name + "/invalid/app:v1")
        .satisfies(
            e ->
                assertThat(
                        ((RegistryErrorResponseException) e)
                            .hasCode(ErrorCode.MANIFEST_BLOB_UNKNOWN))
                    .isTrue())
        .satisfies(e -> assertThat(((RegistryErrorResponseException) e).status()).isEqualTo(400));
  }
}
