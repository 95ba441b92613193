package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.testkit.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrykit artifact push} and {@code pull} against the fake. */
@Timeout(60)
class ArtifactCommandTest {
  @TempDir Path temp;
  private FakeRegistry fake;

  @BeforeEach
  void start() throws Exception {
    fake = FakeRegistry.builder().start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void push_nestedRelativeFiles_attachedToAnImage_thenReferrersAndPull() throws Exception {
    Image image = SeedImages.image("figlet", 1);
    SeedImages.seed(fake, "figlet", "latest", image);
    // Relative paths keep their directories as titles: files below the working directory.
    Path base = Path.of("target", "artifact-cli-" + UUID.randomUUID());
    Files.createDirectories(base.resolve("docs/api"));
    Files.writeString(base.resolve("docs/readme.md"), "readme\n");
    Files.writeString(base.resolve("docs/api/index.html"), "<html></html>\n");

    CliRun push =
        CliRun.of(
                "artifact",
                "push",
                fake.host() + "/figlet:docs",
                base.resolve("docs/readme.md").toString(),
                base.resolve("docs/api/index.html").toString(),
                "--artifact-type",
                "application/vnd.example.docs.v1",
                "--annotation",
                "org.opencontainers.image.description=The docs",
                "--annotation",
                "team=tools",
                "--subject",
                fake.host() + "/figlet:latest",
                "--quiet")
            .assertSuccess();

    RawManifest raw = fake.manifest("figlet", "docs").orElseThrow();
    assertThat(push.stdout().strip()).isEqualTo(raw.digest().toString());
    ImageManifest manifest = ManifestCodec.parseImageManifest(raw);
    assertThat(manifest.artifactType()).contains("application/vnd.example.docs.v1");
    assertThat(manifest.subject().orElseThrow().digest()).isEqualTo(image.digest());
    assertThat(manifest.annotations())
        .isEqualTo(Map.of("org.opencontainers.image.description", "The docs", "team", "tools"));
    String prefix = base.toString().replace('\\', '/') + "/";
    assertThat(manifest.layers())
        .extracting(l -> l.annotations().get("org.opencontainers.image.title"))
        .containsExactly(prefix + "docs/readme.md", prefix + "docs/api/index.html");

    CliRun referrers = CliRun.of("referrers", fake.host() + "/figlet").assertSuccess();
    assertThat(referrers.stdout()).contains(raw.digest() + "  application/vnd.example.docs.v1");

    Path out = temp.resolve("out");
    CliRun pull = CliRun.of("artifact", "pull", fake.host() + "/figlet:docs", out.toString(), "-q");
    pull.assertSuccess();
    assertThat(pull.stdout().lines())
        .containsExactly(prefix + "docs/readme.md", prefix + "docs/api/index.html");
    assertThat(Files.readString(out.resolve(prefix + "docs/api/index.html")))
        .isEqualTo("<html></html>\n");
  }

  @Test
  void push_absoluteFile_isStoredUnderItsName() throws Exception {
    Path file = Files.writeString(temp.resolve("notes.txt"), "notes");

    CliRun.of("artifact", "push", fake.host() + "/notes:v1", file.toString()).assertSuccess();

    ImageManifest manifest =
        ManifestCodec.parseImageManifest(fake.manifest("notes", "v1").orElseThrow());
    assertThat(manifest.layers().get(0).annotations())
        .containsEntry("org.opencontainers.image.title", "notes.txt");
    assertThat(manifest.artifactType()).contains("application/vnd.unknown.artifact.v1");
  }

  @Test
  void pull_aTraversalTitle_isRefusedAndWritesNothing() throws Exception {
    Bytes content = Bytes.ofUtf8("owned");
    fake.putBlob("evil", content);
    fake.putBlob("evil", Descriptor.EMPTY_JSON_CONTENT);
    fake.putManifest(
        "evil",
        ManifestCodec.encode(
            ImageManifest.oci(
                    Descriptor.EMPTY_JSON,
                    List.of(
                        Descriptor.of(MediaType.OCI_LAYER, content)
                            .withAnnotation("org.opencontainers.image.title", "../../escaped.sh")))
                .withArtifactType("application/vnd.example.v1")),
        "v1");
    Path out = temp.resolve("a/b/out");

    CliRun pull = CliRun.of("artifact", "pull", fake.host() + "/evil:v1", out.toString());

    assertThat(pull.exitCode()).isNotZero();
    assertThat(pull.stderr()).contains("refusing to write \"../../escaped.sh\"");
    assertThat(temp.resolve("a/escaped.sh")).doesNotExist();
  }

  @Test
  void usageErrors() throws Exception {
    Path file = Files.writeString(temp.resolve("f.txt"), "f");
    assertThat(CliRun.of("artifact", "frob", "x").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("artifact", "pull", fake.host() + "/a:v1").stderr())
        .contains("artifact pull takes REFERENCE DIR");
    assertThat(
            CliRun.of(
                    "artifact",
                    "push",
                    fake.host() + "/a:v1",
                    "--annotation",
                    "novalue",
                    file.toString())
                .stderr())
        .contains("--annotation must be KEY=VALUE");
    assertThat(CliRun.of("artifact", "push", fake.host() + "/a:v1", temp.toString()).stderr())
        .contains("not a regular file");
    assertThat(
            CliRun.of(
                    "artifact",
                    "pull",
                    fake.host() + "/a:v1",
                    temp.toString(),
                    "--artifact-type",
                    "a/b")
                .stderr())
        .contains("--artifact-type goes with artifact push");
  }
}
