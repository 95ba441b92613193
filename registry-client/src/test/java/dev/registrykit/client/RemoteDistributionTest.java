package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.TestImages.TestImage;
import dev.registrykit.client.errors.CorruptBlobSourceException;
import dev.registrykit.client.errors.NotFoundException;
import dev.registrykit.client.remote.PullResult;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageId;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.image.MultiPlatform;
import dev.registrykit.core.image.ResolvedTag;
import dev.registrykit.core.image.SingleImage;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The high-level operations ({@link Remote}) against the real Distribution registry. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RemoteDistributionTest extends PlainDistributionTestBase {
  @BeforeAll
  static void requireSkopeo() {
    Peers.requireSkopeo();
  }

  private static ImageReference ref(String s) {
    return ImageReference.parse(name + "/" + s);
  }

  static Image inMemory(TestImage image) throws IOException {
    ImageManifest manifest =
        dev.registrykit.core.manifest.ManifestCodec.parseImageManifest(image.manifest());
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < image.layers().size(); i++) {
      layers.add(Layers.of(image.layers().get(i), manifest.layers().get(i).mediaType()));
    }
    return Images.of(image.manifest(), image.config(), layers);
  }

  /** Records events per blob, checking their order. */
  static final class RecordingListener implements ProgressListener {
    final Map<Digest, List<String>> events = new ConcurrentHashMap<>();
    final List<Digest> manifests = new CopyOnWriteArrayList<>();

    private void add(Digest d, String e) {
      events.computeIfAbsent(d, k -> new CopyOnWriteArrayList<>()).add(e);
    }

    @Override
    public void blobStarted(Digest digest, long totalBytes) {
      add(digest, "started " + totalBytes);
    }

    @Override
    public void blobProgress(Digest digest, long bytesDone, long totalBytes) {
      add(digest, "progress");
    }

    @Override
    public void blobSkipped(Digest digest, long size) {
      add(digest, "skipped");
    }

    @Override
    public void blobMounted(Digest digest, long size, Repository from) {
      add(digest, "mounted " + from);
    }

    @Override
    public void blobDone(Digest digest, long size) {
      add(digest, "done " + size);
    }

    @Override
    public void manifestPushed(ImageReference reference, Digest digest, long size) {
      manifests.add(digest);
    }

    String last(Digest d) {
      List<String> e = events.get(d);
      return e.get(e.size() - 1);
    }
  }

  @Test
  void push_image_pushedThenPresentThenMounted() throws IOException {
    TestImage generated = TestImages.image(41, 4, 30_000, true);
    Image image = inMemory(generated);
    RecordingListener listener = new RecordingListener();

    PushResult first =
        Remote.push(
            client,
            image,
            ref("push/app:v1"),
            TransferOptions.defaults().withListener(listener).withParallelism(3));
    PushResult second = Remote.push(client, image, ref("push/app:v2"), TransferOptions.defaults());
    PushResult mounted =
        Remote.push(
            client,
            image,
            ref("push/other:v1"),
            TransferOptions.defaults().withMountFrom(Repository.of(name, "push/app")));

    assertThat(first.manifestDigest()).isEqualTo(generated.digest());
    assertThat(first.manifestSize()).isEqualTo(generated.manifest().size());
    assertThat(first.blobs())
        .hasSize(5)
        .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.PUSHED));
    assertThat(first.bytesPushed())
        .isEqualTo(generated.blobs().stream().mapToLong(Bytes::size).sum());
    assertThat(first.summary())
        .contains(": Pushed")
        .contains("v1: digest: " + generated.digest() + " size: " + generated.manifest().size());
    for (Bytes blob : generated.blobs()) {
      List<String> events = listener.events.get(blob.sha256());
      assertThat(events.get(0)).isEqualTo("started " + blob.size());
      assertThat(listener.last(blob.sha256())).isEqualTo("done " + blob.size());
    }
    assertThat(listener.manifests).containsExactly(generated.digest());
    assertThat(second.blobs())
        .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.ALREADY_PRESENT));
    assertThat(second.summary()).contains("Layer already exists");
    assertThat(mounted.blobs())
        .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED));
    assertThat(mounted.bytesPushed()).isZero();
  }

  @Test
  void image_lazyRemote_verifiedLayersAndConfig() throws IOException {
    TestImage generated = TestImages.image(42, 2, 20_000, true);
    Remote.push(client, inMemory(generated), ref("lazy/app:v1"), TransferOptions.defaults());

    Image pulled = Remote.image(client, ref("lazy/app:v1"), Platform.LINUX_AMD64);

    assertThat(pulled.digest()).isEqualTo(generated.digest());
    assertThat(pulled.rawConfig()).isEqualTo(generated.config());
    assertThat(pulled.id()).isEqualTo(ImageId.of(generated.config().sha256()));
    for (int i = 0; i < generated.layers().size(); i++) {
      try (InputStream in = pulled.layers().get(i).open()) {
        assertThat(Bytes.readFrom(in)).isEqualTo(generated.layers().get(i));
      }
    }
  }

  @Test
  void pushIndex_resolveAndSelectPlatform_multiPlatform() throws IOException {
    TestImage amd = TestImages.image(43, 1, 1000, true);
    TestImage arm = TestImages.image(44, 1, 1000, true);
    var rawIndex = TestImages.index(List.of(amd, arm));
    var index = Images.index(rawIndex, List.of(inMemory(amd), inMemory(arm)), List.of());

    PushResult pushed = Remote.push(client, index, ref("multi/app:v1"), TransferOptions.defaults());
    ResolvedTag resolved = Remote.resolve(client, ref("multi/app:v1"));
    ResolvedTag single = Remote.resolve(client, ref("multi/app@" + amd.digest()));
    Image arm64 = Remote.image(client, ref("multi/app:v1"), Platform.LINUX_ARM64);

    assertThat(pushed.manifestDigest()).isEqualTo(rawIndex.digest());
    assertThat(resolved)
        .isInstanceOfSatisfying(
            MultiPlatform.class,
            m -> {
              assertThat(m.indexDigest()).isEqualTo(rawIndex.digest());
              assertThat(m.imageFor(Platform.LINUX_AMD64))
                  .map(p -> p.imageId())
                  .contains(ImageId.of(amd.config().sha256()));
              assertThat(m.imageFor(Platform.LINUX_ARM64))
                  .map(p -> p.manifestDigest())
                  .contains(arm.digest());
            });
    assertThat(single)
        .isInstanceOfSatisfying(
            SingleImage.class,
            s -> assertThat(s.imageId()).isEqualTo(ImageId.of(amd.config().sha256())));
    assertThat(arm64.digest()).isEqualTo(arm.digest());
    assertThatThrownBy(
            () -> Remote.image(client, ref("multi/app:v1"), Platform.of("windows", "amd64")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("linux/amd64");
  }

  /**
   * Writes {@code generated} into an OCI layout under {@code dir} and flips one byte of its first
   * layer's file.
   */
  static Path layoutWithCorruptLayer(TestImage generated, Path dir) throws IOException {
    Path layout = dir.resolve("corrupt-layout");
    dev.registrykit.core.layout.OciLayout.create(layout).write(inMemory(generated), "v1");
    Path layer = layout.resolve("blobs/sha256/" + generated.layers().get(0).sha256().hex());
    byte[] bytes = Files.readAllBytes(layer);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(layer, bytes);
    return layout;
  }

  @Test
  void push_layoutBlobCorruptOnDisk_registryRefusesItAndNothingIsTagged(@TempDir Path dir)
      throws IOException {
    TestImage generated = TestImages.image(47, 2, 300_000, true);
    Path layout = layoutWithCorruptLayer(generated, dir);
    Image image = dev.registrykit.core.layout.OciLayout.open(layout).image("v1");
    Digest corrupt = generated.layers().get(0).sha256();

    assertThatThrownBy(
            () -> Remote.push(client, image, ref("corrupt/app:v1"), TransferOptions.defaults()))
        .isInstanceOfSatisfying(
            CorruptBlobSourceException.class, e -> assertThat(e.digest()).isEqualTo(corrupt))
        .hasMessageContaining("DIGEST_INVALID")
        .hasMessageContaining("source is corrupt");
    assertThat(client.headManifest(ref("corrupt/app:v1"))).isEmpty();
    assertThat(client.statBlob(Repository.of(name, "corrupt/app"), corrupt)).isEmpty();
  }

  @Test
  void push_manySmallBlobsInParallel_singlePostProbedOnce() throws IOException {
    TestImage generated = TestImages.image(51, 24, 2_000, true);
    List<String> probes = new CopyOnWriteArrayList<>();
    List<String> cancels = new CopyOnWriteArrayList<>();
    try (RegistryClient fresh =
        TestClients.plain(name)
            .interceptor(
                chain -> {
                  String query = chain.request().uri().getRawQuery();
                  if (chain.request().method().equals("POST")
                      && query != null
                      && query.contains("digest=")) {
                    probes.add(query);
                  } else if (chain.request().method().equals("DELETE")) {
                    cancels.add(chain.request().uri().getPath());
                  }
                  return chain.proceed(chain.request());
                })
            .build()) {

      PushResult pushed =
          Remote.push(
              fresh,
              inMemory(generated),
              ref("probe/app:v1"),
              TransferOptions.defaults().withParallelism(8));

      assertThat(pushed.blobs())
          .hasSize(25)
          .allSatisfy(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.PUSHED));
    }
    // Distribution ignores a single-POST body (202): one probe finds that out, its session is
    // cancelled, and the other 24 blobs go POST + PUT without a body sent twice.
    assertThat(probes).hasSize(1);
    assertThat(cancels).hasSize(1);
    assertThat(client.getManifest(ref("probe/app:v1")).digest()).isEqualTo(generated.digest());
  }

  @Test
  void pull_toOciLayout_skopeoReadsItWithSameDigests(@TempDir Path dir) throws IOException {
    TestImage generated = TestImages.image(45, 3, 25_000, true);
    Remote.push(client, inMemory(generated), ref("pull/app:v1"), TransferOptions.defaults());
    Path layout = dir.resolve("layout");
    RecordingListener listener = new RecordingListener();

    PullResult first =
        Remote.pull(
            client, ref("pull/app:v1"), layout, TransferOptions.defaults().withListener(listener));
    PullResult second =
        Remote.pull(
            client, ref("pull/app:v1"), layout, TransferOptions.defaults().withListener(listener));
    Descriptor written = first.descriptor();

    assertThat(written.digest()).isEqualTo(generated.digest());
    assertThat(second.descriptor()).isEqualTo(written);
    assertThat(first.servedBy()).hasSize(generated.blobs().size());
    assertThat(first.servedBy().values()).containsOnly(ref("pull/app:v1").repository());
    assertThat(second.servedBy()).as("every blob was in the layout already").isEmpty();
    for (Bytes blob : generated.blobs()) {
      assertThat(Files.readAllBytes(layout.resolve("blobs/sha256/" + blob.sha256().hex())))
          .isEqualTo(blob.toByteArray());
      assertThat(listener.events.get(blob.sha256()))
          .contains("done " + blob.size())
          .endsWith("skipped");
    }
    assertThat(Files.readString(layout.resolve("index.json")))
        .contains(generated.digest().toString())
        .contains("\"org.opencontainers.image.ref.name\":\"v1\"");
    Skopeo.create()
        .copy(
            "oci:" + layout + ":v1",
            registry.dockerReference("pull/roundtrip:v1"),
            SkopeoAccess.local(),
            SkopeoAccess.of(registry),
            "--preserve-digests");
    assertThat(client.getManifest(ref("pull/roundtrip:v1")).digest()).isEqualTo(generated.digest());
  }

  @Test
  void copy_remoteImagePushedToOtherRepository_mountsFromItsSource() throws IOException {
    TestImage generated = TestImages.image(46, 2, 5_000, true);
    Remote.push(client, inMemory(generated), ref("source/app:v1"), TransferOptions.defaults());

    Image remote = Remote.image(client, ref("source/app:v1"), Platform.LINUX_AMD64);
    PushResult result = Remote.push(client, remote, ref("dest/app:v1"), TransferOptions.defaults());

    assertThat(result.blobs())
        .allSatisfy(
            b -> {
              assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED);
              assertThat(b.mountedFrom()).contains(Repository.of(name, "source/app"));
            });
    assertThat(result.manifestDigest()).isEqualTo(generated.digest());
  }
}
