package dev.registrykit.client.containerize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.BlobResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.javaapp.AppLayer;
import dev.registrykit.core.javaapp.CreationTime;
import dev.registrykit.core.javaapp.JavaApplication;
import dev.registrykit.core.javaapp.LayerKind;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The containerizer against the in-process fake registry, an OCI layout and a docker archive. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainerizerTest {
  @TempDir Path temp;
  private FakeRegistry fake;
  private RegistryClient client;
  private GeneratedImage base;

  @BeforeEach
  void start() throws IOException {
    fake = FakeRegistry.builder().referrers(false).start();
    client =
        RegistryClient.builder().plainHttp(fake.registry()).retryPolicy(RetryPolicy.none()).build();
    base = RandomImages.image(7, 2, 4096);
    base.pushTo(fake, "base/jre", "17");
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    fake.close();
  }

  /** A checkout of a small project: a jar, a snapshot jar, resources, two classes. */
  private Path checkout(String name) throws IOException {
    Path root = temp.resolve(name);
    write(root.resolve("repo/guava-33.jar"), "guava bytes");
    write(root.resolve("repo/util-1-SNAPSHOT.jar"), "util bytes");
    write(root.resolve("target/resources/app.properties"), "greeting=hello");
    write(root.resolve("target/classes/com/example/Main.class"), "main v1");
    write(root.resolve("target/classes/com/example/Helper.class"), "helper v1");
    return root;
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static JavaApplication app(Path root) {
    return JavaApplication.builder()
        .dependencies(LayerKind.DEPENDENCIES, List.of(root.resolve("repo/guava-33.jar")))
        .dependencies(
            LayerKind.SNAPSHOT_DEPENDENCIES, List.of(root.resolve("repo/util-1-SNAPSHOT.jar")))
        .resources(root.resolve("target/resources"))
        .classes(root.resolve("target/classes"))
        .mainClass("com.example.Main")
        .jvmFlags(List.of("-Xss1m"))
        .build();
  }

  private Containerizer toFake(Path root, String target) {
    return Containerizer.from(BaseImage.registry(fake.reference("base/jre:17")))
        .application(app(root))
        .to(Target.registry(fake.reference(target), List.of(Tag.parse("latest"))))
        .client(client)
        .cacheDirectory(root.resolve("target/registrykit-cache"));
  }

  private ImageConfig config(String repository, String reference) throws IOException {
    RawManifest manifest = fake.manifest(repository, reference).orElseThrow();
    Image image =
        dev.registrykit.client.remote.Remote.image(
            client, fake.reference(repository + "@" + manifest.digest()), Platform.LINUX_AMD64);
    return image.config();
  }

  private static boolean isBlobUpload(RecordedExchange e) {
    return e.endpoint().filter(x -> x == Endpoint.END_6 || x == Endpoint.END_4B).isPresent()
        && e.status() == 201;
  }

  @Test
  void push_mountsTheBaseLayers_sendsTheAppLayers_putsTheManifestLast() throws IOException {
    Path root = checkout("p");
    fake.clearRequests();

    ContainerizeResult result = toFake(root, "apps/hello:1.0").containerize();

    assertThat(fake.tags("apps/hello")).containsExactlyInAnyOrder("1.0", "latest");
    assertThat(fake.manifest("apps/hello", "1.0").orElseThrow().digest())
        .isEqualTo(result.imageDigest());
    assertThat(result.blobs())
        .filteredOn(b -> b.outcome() == BlobResult.Outcome.MOUNTED)
        .hasSize(2);
    assertThat(result.layers())
        .extracting(AppLayer::kind)
        .containsExactly(
            LayerKind.DEPENDENCIES,
            LayerKind.SNAPSHOT_DEPENDENCIES,
            LayerKind.RESOURCES,
            LayerKind.CLASSES);
    List<RecordedExchange> requests = fake.requests();
    assertThat(requests.get(requests.size() - 1).method()).isEqualTo("PUT");
    assertThat(requests.get(requests.size() - 1).endpoint()).contains(Endpoint.END_7A);
    assertThat(requests)
        .filteredOn(e -> e.endpoint().filter(x -> x == Endpoint.END_7A).isPresent())
        .hasSize(2); // 1.0, latest
    // Bytes sent are the app layers and the config only: the base's layers were mounted.
    assertThat(requests).filteredOn(ContainerizerTest::isBlobUpload).hasSize(5);

    ImageConfig config = config("apps/hello", "1.0");
    ContainerConfig container = config.config();
    assertThat(container.entrypoint())
        .contains(
            List.of(
                "java",
                "-Xss1m",
                "-cp",
                "/app/resources:/app/classes:/app/libs/guava-33.jar:/app/libs/util-1-SNAPSHOT.jar",
                "com.example.Main"));
    assertThat(config.created()).contains("1970-01-01T00:00:00Z");
    RawManifest pushed = fake.manifest("apps/hello", "1.0").orElseThrow();
    assertThat(result.imageId().configDigest())
        .isEqualTo(ManifestCodec.parseImageManifest(pushed).config().digest());
  }

  @Test
  void rebuildWithOneChangedClass_sendsOneLayerTheConfigAndTheManifest() throws IOException {
    Path root = checkout("p");
    ContainerizeResult first = toFake(root, "apps/hello:1.0").containerize();
    Path main = root.resolve("target/classes/com/example/Main.class");
    Files.writeString(main, "main v2");
    Files.setLastModifiedTime(main, FileTime.from(Instant.now().plusSeconds(5)));
    fake.clearRequests();

    ContainerizeResult second = toFake(root, "apps/hello:1.0").containerize();

    assertThat(second.imageDigest()).isNotEqualTo(first.imageDigest());
    assertThat(second.layers())
        .filteredOn(l -> !l.reused())
        .extracting(AppLayer::kind)
        .containsExactly(LayerKind.CLASSES);
    List<RecordedExchange> uploads =
        fake.requests().stream().filter(ContainerizerTest::isBlobUpload).toList();
    assertThat(uploads).hasSize(2); // the classes layer and the config
    assertThat(second.blobs())
        .filteredOn(b -> b.outcome() == BlobResult.Outcome.PUSHED)
        .extracting(BlobResult::digest)
        .containsExactlyInAnyOrder(
            second.layers().get(3).layer().digest(), second.imageId().configDigest());
  }

  @Test
  void noChange_reusesEveryLayer_sendsNoBlob_andGivesTheSameDigest() throws IOException {
    Path root = checkout("p");
    ContainerizeResult first = toFake(root, "apps/hello:1.0").containerize();
    fake.clearRequests();

    ContainerizeResult second = toFake(root, "apps/hello:1.0").containerize();

    assertThat(second.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(second.layers()).allMatch(AppLayer::reused);
    assertThat(fake.requests()).noneMatch(ContainerizerTest::isBlobUpload);
    assertThat(fake.requests())
        .noneMatch(e -> e.method().equals("PATCH") || e.method().equals("POST"));
  }

  @Test
  void noChange_withTheBaseImageCache_asksOnlyForTheBaseTagAndTheTargetTags() throws IOException {
    Path root = checkout("p");
    Path cache = temp.resolve("base-images");
    ContainerizeResult first = toFake(root, "apps/hello:1.0").baseImageCache(cache).containerize();
    fake.clearRequests();
    List<String> unchanged = new java.util.concurrent.CopyOnWriteArrayList<>();

    ContainerizeResult second =
        toFake(root, "apps/hello:1.0")
            .baseImageCache(cache)
            .listener(
                new ContainerizeListener() {
                  @Override
                  public void imageUnchanged(String target, Digest digest) {
                    unchanged.add(target + " " + digest);
                  }
                })
            .containerize();

    assertThat(second.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(second.blobs()).isEmpty();
    assertThat(unchanged)
        .containsExactly(fake.reference("apps/hello:1.0") + " " + first.imageDigest());
    // One HEAD for the base's tag, one per target tag: no manifest or config fetched, nothing put.
    assertThat(fake.requests())
        .extracting(e -> e.method() + " " + e.path())
        .containsExactly(
            "HEAD /v2/base/jre/manifests/17",
            "HEAD /v2/apps/hello/manifests/1.0",
            "HEAD /v2/apps/hello/manifests/latest");
  }

  @Test
  void aDockerArchiveAsWrittenLastTime_isNotWrittenAgain_aDamagedOneIs() throws IOException {
    Path root = checkout("p");
    Path archive = temp.resolve("image.tar");
    Target tar = Target.dockerArchive(archive, ImageReference.parse("hello:1"), List.of());
    ContainerizeResult first =
        toFake(root, "unused:1").to(tar).baseImageCache(temp.resolve("base-images")).containerize();
    byte[] written = Files.readAllBytes(archive);
    FileTime writtenAt = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(archive, writtenAt);
    List<String> unchanged = new java.util.concurrent.CopyOnWriteArrayList<>();
    ContainerizeListener recording =
        new ContainerizeListener() {
          @Override
          public void imageUnchanged(String target, Digest digest) {
            unchanged.add(target);
          }
        };

    ContainerizeResult second =
        toFake(root, "unused:1")
            .to(tar)
            .baseImageCache(temp.resolve("base-images"))
            .listener(recording)
            .containerize();

    assertThat(second.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(second.imageId()).isEqualTo(first.imageId());
    assertThat(unchanged).containsExactly(tar.toString());
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(writtenAt);

    // One byte changed in the archive: it is written again, whole.
    byte[] damaged = written.clone();
    damaged[damaged.length / 2] ^= 1;
    Files.write(archive, damaged);
    ContainerizeResult third =
        toFake(root, "unused:1")
            .to(tar)
            .baseImageCache(temp.resolve("base-images"))
            .listener(recording)
            .containerize();

    assertThat(third.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(unchanged).hasSize(1);
    assertThat(Files.readAllBytes(archive)).isEqualTo(written);
  }

  @Test
  void aTargetTagMovedElsewhere_isPushedAgain() throws IOException {
    Path root = checkout("p");
    Path cache = temp.resolve("base-images");
    ContainerizeResult first = toFake(root, "apps/hello:1.0").baseImageCache(cache).containerize();
    base.pushTo(fake, "apps/hello", "1.0"); // someone else's image under the tag
    fake.clearRequests();

    ContainerizeResult second = toFake(root, "apps/hello:1.0").baseImageCache(cache).containerize();

    assertThat(second.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(fake.manifest("apps/hello", "1.0").orElseThrow().digest())
        .isEqualTo(first.imageDigest());
    assertThat(fake.requests())
        .filteredOn(
            e ->
                e.method().equals("PUT")
                    && e.endpoint().filter(x -> x == Endpoint.END_7A).isPresent())
        .hasSize(2);
  }

  @Test
  void baseImageCache_followsAMovedBaseTag() throws IOException {
    Path root = checkout("p");
    Path cache = temp.resolve("base-images");
    ContainerizeResult first = toFake(root, "apps/hello:1.0").baseImageCache(cache).containerize();
    GeneratedImage newer = RandomImages.image(8, 2, 4096);
    newer.pushTo(fake, "base/jre", "17");

    ContainerizeResult second = toFake(root, "apps/hello:1.0").baseImageCache(cache).containerize();

    assertThat(second.imageDigest()).isNotEqualTo(first.imageDigest());
    assertThat(
            ManifestCodec.parseImageManifest(fake.manifest("apps/hello", "1.0").orElseThrow())
                .layers()
                .get(0)
                .digest())
        .isEqualTo(ManifestCodec.parseImageManifest(newer.manifest()).layers().get(0).digest());
  }

  @Test
  void aDamagedBaseImageCacheEntry_isFetchedAgain_neverUsed() throws IOException {
    Path root = checkout("p");
    Path cache = temp.resolve("base-images");
    Path archive = temp.resolve("image.tar");
    ContainerizeResult first =
        toFake(root, "apps/hello:1.0")
            .baseImageCache(cache)
            .to(Target.dockerArchive(archive, ImageReference.parse("hello:1"), List.of()))
            .containerize();
    byte[] firstArchive = Files.readAllBytes(archive);
    List<Path> blobs;
    try (var files = Files.list(cache.resolve("blobs/sha256"))) {
      blobs = files.toList();
    }
    // The manifest, the config and both layers (the archive needed them).
    assertThat(blobs).hasSize(4);
    for (Path blob : blobs) {
      byte[] bytes = Files.readAllBytes(blob);
      bytes[bytes.length / 2] ^= 1;
      Files.write(blob, bytes);
    }
    fake.clearRequests();

    // Another archive, so that the whole image is built again from the base.
    Path again = temp.resolve("again.tar");
    ContainerizeResult second =
        toFake(root, "apps/hello:1.0")
            .baseImageCache(cache)
            .to(Target.dockerArchive(again, ImageReference.parse("hello:1"), List.of()))
            .containerize();

    assertThat(second.imageDigest()).isEqualTo(first.imageDigest());
    assertThat(Files.readAllBytes(again)).isEqualTo(firstArchive);
    assertThat(fake.requests())
        .filteredOn(e -> e.method().equals("GET"))
        .extracting(RecordedExchange::path)
        .hasSize(4)
        .contains("/v2/base/jre/manifests/" + base.digest());
    for (Path blob : blobs) {
      assertThat(Digest.compute(DigestAlgorithm.SHA256, Files.newInputStream(blob)).digest().hex())
          .isEqualTo(blob.getFileName().toString().substring("sha256-".length()));
    }
  }

  @Test
  void aCachedBase_pinnedByDigestOrOffline_needsNoClientToALocalTarget() throws IOException {
    Path root = checkout("p");
    Path cache = temp.resolve("base-images");
    Path archive = temp.resolve("image.tar");
    ImageReference pinned = fake.reference("base/jre@" + base.digest());
    ContainerizeResult online =
        Containerizer.from(BaseImage.registry(pinned))
            .application(app(root))
            .to(Target.dockerArchive(archive, ImageReference.parse("hello:1"), List.of()))
            .client(client)
            .baseImageCache(cache)
            .containerize();
    fake.clearRequests();
    AtomicInteger clients = new AtomicInteger();
    java.util.function.Supplier<RegistryClient> counting =
        () -> {
          clients.incrementAndGet();
          return client;
        };

    ContainerizeResult pinnedAgain =
        Containerizer.from(BaseImage.registry(pinned))
            .application(app(root))
            .to(Target.dockerArchive(archive, ImageReference.parse("hello:1"), List.of()))
            .client(counting)
            .baseImageCache(cache)
            .containerize();
    // The tag was never asked for, so offline knows only the digest-pinned reference; ask by tag
    // once online, then offline.
    Containerizer.from(BaseImage.registry(fake.reference("base/jre:17")))
        .application(app(root))
        .to(Target.layout(temp.resolve("layout"), ImageReference.parse("hello:1")))
        .client(client)
        .baseImageCache(cache)
        .containerize();
    fake.clearRequests();
    ContainerizeResult offline =
        Containerizer.from(BaseImage.registry(fake.reference("base/jre:17")))
            .application(app(root))
            .to(Target.dockerArchive(archive, ImageReference.parse("hello:1"), List.of()))
            .client(counting)
            .baseImageCache(cache)
            .offline(true)
            .containerize();

    assertThat(pinnedAgain.imageDigest()).isEqualTo(online.imageDigest());
    assertThat(offline.imageDigest()).isEqualTo(online.imageDigest());
    assertThat(clients).hasValue(0);
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void twoCheckoutsAtDifferentPathsAndTimes_giveTheSameImageDigest() throws IOException {
    Path one = checkout("one");
    Path two = checkout("somewhere/else/two");
    for (Path f :
        List.of(
            two.resolve("target/classes/com/example/Main.class"),
            two.resolve("repo/guava-33.jar"))) {
      Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    }

    ContainerizeResult a = toFake(one, "apps/a:1").containerize();
    ContainerizeResult b = toFake(two, "apps/b:1").containerize();

    assertThat(b.imageDigest()).isEqualTo(a.imageDigest());
    assertThat(b.imageId()).isEqualTo(a.imageId());
  }

  @Test
  void configSettings_reachTheImageConfig() throws IOException {
    Path root = checkout("p");
    Clock clock = Clock.fixed(Instant.parse("2026-03-04T05:06:07.890Z"), ZoneOffset.UTC);

    toFake(root, "apps/configured:1")
        .environment("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC")
        .label("org.opencontainers.image.source", "https://example.com/app")
        .port("8080")
        .port("9000-9001/udp")
        .user("1000:1000")
        .workingDirectory("/app")
        .args(List.of("--port", "8080"))
        .creationTime(CreationTime.useCurrentTimestamp())
        .clock(clock)
        .containerize();

    ImageConfig config = config("apps/configured", "1");
    ContainerConfig container = config.config();
    assertThat(container.env()).contains("JAVA_TOOL_OPTIONS=-XX:+UseSerialGC");
    assertThat(container.labels())
        .containsEntry("org.opencontainers.image.source", "https://example.com/app");
    assertThat(container.exposedPorts())
        .containsExactlyInAnyOrder("8080/tcp", "9000/udp", "9001/udp");
    assertThat(container.user()).contains("1000:1000");
    assertThat(container.workingDir()).contains("/app");
    assertThat(container.cmd()).contains(List.of("--port", "8080"));
    assertThat(config.created()).contains("2026-03-04T05:06:07Z");
    assertThatThrownBy(() -> Containerizer.from(BaseImage.scratch()).port("70000"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiPlatformBase_givesAnIndexWithEveryPlatform() throws IOException {
    RandomImages.index(11, List.of("linux/amd64", "linux/arm64/v8"), 1, 1024)
        .pushTo(fake, "base/multi", "1");
    Path root = checkout("p");

    ContainerizeResult result =
        Containerizer.from(BaseImage.registry(fake.reference("base/multi:1")))
            .application(app(root))
            .platforms(List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64))
            .to(Target.registry(fake.reference("apps/multi:1")))
            .client(client)
            .containerize();

    RawManifest top = fake.manifest("apps/multi", "1").orElseThrow();
    assertThat(top.digest()).isEqualTo(result.imageDigest());
    IndexManifest index = ManifestCodec.parseIndex(top);
    assertThat(index.manifests())
        .extracting(d -> d.platform().orElseThrow().toString())
        .containsExactly("linux/amd64", "linux/arm64/v8");

    assertThatThrownBy(
            () ->
                Containerizer.from(BaseImage.registry(fake.reference("base/jre:17")))
                    .application(app(root))
                    .platforms(List.of(Platform.LINUX_AMD64, Platform.LINUX_ARM64))
                    .to(Target.registry(fake.reference("apps/x:1")))
                    .client(client)
                    .containerize())
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("multi-platform base");
    assertThatThrownBy(
            () ->
                Containerizer.from(BaseImage.registry(fake.reference("base/multi:1")))
                    .application(app(root))
                    .platforms(List.of(Platform.parse("linux/s390x")))
                    .to(Target.registry(fake.reference("apps/x:1")))
                    .client(client)
                    .containerize())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("linux/s390x")
        .hasMessageContaining("linux/arm64/v8");
  }

  @Test
  void layoutBase_toLayoutAndDockerArchive_andResultFiles() throws IOException {
    Path baseLayout = base.writeOciLayout(temp.resolve("base-layout"), "17");
    Path root = checkout("p");
    AtomicInteger ready = new AtomicInteger();
    ContainerizeListener listener =
        new ContainerizeListener() {
          @Override
          public void layerReady(AppLayer layer) {
            ready.incrementAndGet();
          }
        };

    ContainerizeResult layout =
        Containerizer.from(BaseImage.parse("oci:" + baseLayout + ":17"))
            .application(app(root))
            .listener(listener)
            .to(
                Target.layout(
                    temp.resolve("out-layout"), ImageReference.parse("example.com/hello:2.0")))
            .cacheDirectory(root.resolve("cache"))
            .containerize();
    ContainerizeResult archive =
        Containerizer.from(BaseImage.parse("oci:" + baseLayout))
            .application(app(root))
            .to(
                Target.dockerArchive(
                    temp.resolve("out/image.tar"),
                    ImageReference.parse("example.com/hello:2.0"),
                    List.of(Tag.parse("latest"))))
            .cacheDirectory(root.resolve("cache"))
            .containerize();

    assertThat(ready).hasValue(4);
    Image written = OciLayout.open(temp.resolve("out-layout")).image("2.0");
    assertThat(written.digest()).isEqualTo(layout.imageDigest());
    assertThat(written.layers()).hasSize(2 + 4);
    DockerArchive docker = DockerArchive.open(temp.resolve("out/image.tar"));
    assertThat(docker.images().get(0).repoTags())
        .containsExactly("example.com/hello:2.0", "example.com/hello:latest");
    assertThat(docker.image().id()).isEqualTo(layout.imageId()).isEqualTo(archive.imageId());
    assertThat(archive.layers()).allMatch(AppLayer::reused);

    layout.writeFiles(temp.resolve("result"));
    assertThat(Files.readString(temp.resolve("result/registrykit-image.digest")))
        .isEqualTo(layout.imageDigest().toString());
    assertThat(Files.readString(temp.resolve("result/registrykit-image.id")))
        .isEqualTo(layout.imageId().toString());
    assertThat(
            Files.readString(temp.resolve("result/registrykit-image.json"), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"image\":\"oci:"
                + temp.resolve("out-layout")
                + ":2.0\",\"imageId\":\""
                + layout.imageId()
                + "\",\"imageDigest\":\""
                + layout.imageDigest()
                + "\",\"tags\":[\"2.0\"],\"imagePushed\":false}\n");
  }

  @Test
  void offline_failsBeforeAnyRequest_forARegistryBaseOrTarget() throws IOException {
    Path root = checkout("p");
    fake.clearRequests();

    assertThatThrownBy(() -> toFake(root, "apps/hello:1").offline(true).containerize())
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("offline")
        .hasMessageContaining("base/jre:17");
    assertThatThrownBy(
            () ->
                Containerizer.from(BaseImage.scratch())
                    .application(app(root))
                    .offline(true)
                    .to(Target.registry(fake.reference("apps/hello:1")))
                    .client(client)
                    .containerize())
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("cannot push");
    assertThat(fake.requests()).isEmpty();

    ContainerizeResult local =
        Containerizer.from(BaseImage.scratch())
            .application(app(root))
            .offline(true)
            .to(Target.layout(temp.resolve("offline-layout"), ImageReference.parse("hello")))
            .containerize();
    assertThat(local.tags()).containsExactly(Tag.LATEST);
  }

  @Test
  void noMainClassNorEntrypoint_isAClearError() {
    assertThatThrownBy(
            () ->
                Containerizer.from(BaseImage.scratch())
                    .to(Target.layout(temp.resolve("l"), ImageReference.parse("x")))
                    .containerize())
        .isInstanceOf(ContainerizeException.class)
        .hasMessageContaining("mainClass");
  }

  @Test
  void baseImage_parsesTheConfigurationForms() {
    assertThat(BaseImage.parse("scratch").toString()).isEqualTo("scratch");
    assertThat(BaseImage.parse("oci:/tmp/layout:v1").toString()).isEqualTo("oci:/tmp/layout:v1");
    assertThat(BaseImage.parse("oci:/tmp/layout").toString()).isEqualTo("oci:/tmp/layout");
    assertThat(BaseImage.parse("docker-archive:base.tar").toString())
        .isEqualTo("docker-archive:base.tar");
    assertThat(BaseImage.parse("eclipse-temurin:17").reference())
        .contains(ImageReference.parse("docker.io/library/eclipse-temurin:17"));
    assertThat(BaseImage.parse("docker://localhost:5000/base:1").reference())
        .contains(ImageReference.parse("localhost:5000/base:1"));
  }
}
