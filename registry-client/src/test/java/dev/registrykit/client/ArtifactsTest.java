package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.artifact.ArtifactFile;
import dev.registrykit.client.artifact.ArtifactOptions;
import dev.registrykit.client.artifact.Artifacts;
import dev.registrykit.client.errors.UnsafeArtifactPathException;
import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.Referrer;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Artifacts pushed and pulled as oras does, on the fake registry. */
@Timeout(60)
class ArtifactsTest {
  private static final String TYPE = "application/vnd.example.docs.v1";

  @TempDir Path temp;
  private FakeRegistry fake;
  private RegistryClient client;

  @BeforeEach
  void start() throws IOException {
    fake = FakeRegistry.builder().start();
    client = TestClients.plain(fake.registry()).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    fake.close();
  }

  @Test
  void push_thenPull_keepsNestedPathsAndContents() throws IOException {
    Path readme = write("src/README.md", "# docs\n");
    Path guide = write("src/guide/part one/intro.md", "intro\n");
    Path data = write("src/data.bin", "\u0000\u0001binary");
    ImageReference ref = fake.reference("docs/site:v1");

    Descriptor pushed =
        Artifacts.push(
            client,
            ref,
            List.of(
                ArtifactFile.of(readme),
                ArtifactFile.of(guide, "guide/part one/intro.md"),
                ArtifactFile.of(data, "data/blob.bin").withMediaType(MediaType.OCTET_STREAM)),
            ArtifactOptions.defaults()
                .withArtifactType(TYPE)
                .withAnnotation("org.opencontainers.image.source", "https://example.com/docs"));

    RawManifest raw = fake.manifest("docs/site", "v1").orElseThrow();
    assertThat(raw.digest()).isEqualTo(pushed.digest());
    ImageManifest manifest = ManifestCodec.parseImageManifest(raw);
    assertThat(manifest.mediaType()).contains(MediaType.OCI_IMAGE_MANIFEST);
    assertThat(manifest.artifactType()).contains(TYPE);
    assertThat(manifest.config()).isEqualTo(Descriptor.EMPTY_JSON);
    assertThat(manifest.annotations())
        .containsEntry("org.opencontainers.image.source", "https://example.com/docs");
    assertThat(manifest.layers())
        .extracting(l -> l.annotations().get("org.opencontainers.image.title"))
        .containsExactly("README.md", "guide/part one/intro.md", "data/blob.bin");
    assertThat(manifest.layers())
        .extracting(Descriptor::mediaType)
        .containsExactly(MediaType.OCI_LAYER, MediaType.OCI_LAYER, MediaType.OCTET_STREAM);
    assertThat(fake.blob("docs/site", Descriptor.EMPTY_JSON.digest()))
        .contains(Descriptor.EMPTY_JSON_CONTENT);

    Path out = temp.resolve("out");
    Artifacts.PulledArtifact pulled = Artifacts.pull(client, ref, out);

    assertThat(pulled.manifest().digest()).isEqualTo(pushed.digest());
    assertThat(pulled.manifest().artifactType()).contains(TYPE);
    assertThat(pulled.untitled()).isZero();
    Path root = out.toRealPath();
    assertThat(pulled.files())
        .containsExactly(
            root.resolve("README.md"),
            root.resolve("guide/part one/intro.md"),
            root.resolve("data/blob.bin"));
    assertThat(Files.readString(root.resolve("README.md"))).isEqualTo("# docs\n");
    assertThat(Files.readString(root.resolve("guide/part one/intro.md"))).isEqualTo("intro\n");
    assertThat(Files.readAllBytes(root.resolve("data/blob.bin")))
        .isEqualTo(Files.readAllBytes(data));
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(Files::isRegularFile)).hasSize(3); // no temporary file left behind
    }
  }

  @Test
  void push_withoutFiles_hasTheEmptyLayerAndTheUnknownType() throws IOException {
    Artifacts.push(client, fake.reference("empty/a:v1"), List.of(), ArtifactOptions.defaults());

    ImageManifest manifest =
        ManifestCodec.parseImageManifest(fake.manifest("empty/a", "v1").orElseThrow());
    assertThat(manifest.artifactType()).contains(ArtifactOptions.UNKNOWN_ARTIFACT_TYPE);
    assertThat(manifest.layers()).containsExactly(Descriptor.EMPTY_JSON);
  }

  @Test
  void push_withAConfig_storesItAndNeedsNoArtifactType() throws IOException {
    Bytes config = Bytes.ofUtf8("{\"kind\":\"report\"}");
    MediaType configType = MediaType.of("application/vnd.example.report.config.v1+json");
    Artifacts.push(
        client,
        fake.reference("reports/r:v1"),
        List.of(ArtifactFile.of(write("r.txt", "ok"))),
        ArtifactOptions.defaults().withConfig(configType, config));

    ImageManifest manifest =
        ManifestCodec.parseImageManifest(fake.manifest("reports/r", "v1").orElseThrow());
    assertThat(manifest.config()).isEqualTo(Descriptor.of(configType, config));
    assertThat(manifest.artifactType()).isEmpty();
    assertThat(fake.blob("reports/r", config.sha256())).contains(config);
  }

  @Test
  void push_refusesTitlesThatCollide() throws IOException {
    Path a = write("a", "a");
    assertThatThrownBy(
            () ->
                Artifacts.push(
                    client,
                    fake.reference("c/c:v1"),
                    List.of(ArtifactFile.of(a, "x"), ArtifactFile.of(a, "x/y")),
                    ArtifactOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x/y");
    assertThat(fake.tags("c/c")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "a/../../evil", "/etc/evil", "", "dir/", ".", "a//b", "C:x"})
  void artifactFile_refusesUnsafeTitles(String title) {
    assertThatThrownBy(() -> ArtifactFile.of(temp.resolve("f"), title))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil.txt", "ok/../../evil.txt", "/tmp/evil.txt", "", "docs/", "a\\b"})
  void pull_refusesATitleOutsideTheDirectory_andWritesNothing(String title) throws IOException {
    RawManifest hostile = artifactWithTitles(List.of("fine.txt", title));
    fake.putManifest("hostile/a", hostile, "v1");
    Path out = temp.resolve("deep/out");

    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("hostile/a:v1"), out))
        .isInstanceOf(UnsafeArtifactPathException.class)
        .hasMessageContaining("nothing was written");

    assertThat(out.resolve("fine.txt")).doesNotExist();
    assertThat(temp.resolve("deep/evil.txt")).doesNotExist();
    assertThat(temp.resolve("evil.txt")).doesNotExist();
  }

  @Test
  void pull_refusesToFollowASymlinkInTheDirectory() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.createSymbolicLink(out.resolve("link"), outside);
    Files.createSymbolicLink(out.resolve("file.txt"), outside.resolve("target.txt"));
    fake.putManifest("hostile/b", artifactWithTitles(List.of("link/x.txt")), "v1");
    fake.putManifest("hostile/c", artifactWithTitles(List.of("file.txt")), "v1");

    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("hostile/b:v1"), out))
        .isInstanceOf(UnsafeArtifactPathException.class)
        .hasMessageContaining("symbolic link");
    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("hostile/c:v1"), out))
        .isInstanceOf(UnsafeArtifactPathException.class)
        .hasMessageContaining("symbolic link");

    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void pull_refusesTheSameTitleTwice_andAFileThatIsADirectory() throws IOException {
    fake.putManifest("twice/a", artifactWithTitles(List.of("same.txt", "same.txt")), "v1");
    Path out = Files.createDirectories(temp.resolve("out"));
    Files.createDirectories(out.resolve("dir"));
    fake.putManifest("dir/a", artifactWithTitles(List.of("dir")), "v1");

    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("twice/a:v1"), out))
        .isInstanceOf(UnsafeArtifactPathException.class);
    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("dir/a:v1"), out))
        .isInstanceOf(UnsafeArtifactPathException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void pull_aCorruptBlob_failsAndLeavesNoFile() throws IOException {
    Artifacts.push(
        client,
        fake.reference("corrupt/a:v1"),
        List.of(ArtifactFile.of(write("f.txt", "the real content"))),
        ArtifactOptions.defaults());
    fake.inject(Fault.wrongDigest().on(Endpoint.END_2));
    Path out = temp.resolve("out");

    assertThatThrownBy(() -> Artifacts.pull(client, fake.reference("corrupt/a:v1"), out))
        .isInstanceOf(DigestMismatchException.class);

    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void pull_skipsLayersWithoutATitle() throws IOException {
    Bytes content = Bytes.ofUtf8("x");
    fake.putBlob("untitled/a", content);
    fake.putBlob("untitled/a", Descriptor.EMPTY_JSON_CONTENT);
    fake.putManifest(
        "untitled/a",
        ManifestCodec.encode(
            ImageManifest.oci(
                    Descriptor.EMPTY_JSON, List.of(Descriptor.of(MediaType.OCTET_STREAM, content)))
                .withArtifactType(TYPE)),
        "v1");

    Artifacts.PulledArtifact pulled =
        Artifacts.pull(client, fake.reference("untitled/a:v1"), temp.resolve("out"));

    assertThat(pulled.files()).isEmpty();
    assertThat(pulled.untitled()).isEqualTo(1);
  }

  @Test
  void push_withSubject_isFoundAgainThroughReferrers_withAndWithoutTheReferrersApi()
      throws IOException {
    try (FakeRegistry noApi = FakeRegistry.builder().referrers(false).start();
        RegistryClient noApiClient = TestClients.plain(noApi.registry()).build()) {
      for (FakeRegistry registry : List.of(fake, noApi)) {
        RegistryClient c = registry == fake ? client : noApiClient;
        GeneratedImage image = RandomImages.image(7, 1, 500);
        image.pushTo(registry, "app/web", "v1");
        Descriptor subject =
            c.getManifest(registry.reference("app/web:v1")).manifest().descriptor();

        Descriptor sbom =
            Artifacts.push(
                c,
                registry.reference("app/web:sbom"),
                List.of(ArtifactFile.of(write("sbom.json", "{\"spdxVersion\":\"SPDX-2.3\"}"))),
                ArtifactOptions.defaults()
                    .withArtifactType("application/spdx+json")
                    .withSubject(subject));

        List<Referrer> found =
            ImageReferrers.list(c, registry.reference("app/web:v1"), ReferrerFilter.ALL);
        assertThat(found).extracting(Referrer::digest).containsExactly(sbom.digest());
        assertThat(found.get(0).artifactType()).isEqualTo("application/spdx+json");
        Artifacts.PulledArtifact pulled =
            Artifacts.pull(
                c,
                registry.reference("app/web@" + sbom.digest()),
                temp.resolve("sbom-" + registry.port()));
        assertThat(Files.readString(pulled.files().get(0))).contains("SPDX-2.3");
      }
    }
  }

  private Path write(String relative, String content) throws IOException {
    Path file = temp.resolve("files").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content.getBytes(StandardCharsets.ISO_8859_1));
    return file;
  }

  /** An artifact whose layers carry the given titles, each with real content on the fake. */
  private RawManifest artifactWithTitles(List<String> titles) {
    List<Descriptor> layers = new java.util.ArrayList<>();
    for (int i = 0; i < titles.size(); i++) {
      Bytes content = Bytes.ofUtf8("content " + i);
      for (String repo : List.of("hostile/a", "hostile/b", "hostile/c", "twice/a", "dir/a")) {
        fake.putBlob(repo, content);
        fake.putBlob(repo, Descriptor.EMPTY_JSON_CONTENT);
      }
      layers.add(
          Descriptor.of(MediaType.OCI_LAYER, content)
              .withAnnotations(Map.of("org.opencontainers.image.title", titles.get(i))));
    }
    return ManifestCodec.encode(
        ImageManifest.oci(Descriptor.EMPTY_JSON, layers).withArtifactType(TYPE));
  }
}
