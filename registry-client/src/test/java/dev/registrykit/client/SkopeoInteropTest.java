package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.TestImages.TestImage;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with skopeo through the real Distribution registry: what RegistryKit pushes skopeo copies
 * with identical digests, and what skopeo pushes RegistryKit pulls with identical digests.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SkopeoInteropTest extends PlainDistributionTestBase {
  @BeforeAll
  static void requireSkopeo() {
    Peers.requireSkopeo();
  }

  @Test
  void pushedByRegistryKit_skopeoCopiesToOciLayout_identicalDigests(@TempDir Path dir)
      throws IOException {
    Repository repository = Repository.of(name, "interop/ours");
    TestImage image = TestImages.image(31, 3, 50_000, true);
    for (Bytes blob : image.blobs()) {
      client.pushBlob(
          repository,
          blob.sha256(),
          blob.size(),
          BlobContent.ofBytes(blob.toByteArray()),
          ProgressListener.NONE);
    }
    client.putManifest(repository.tag(Tag.parse("v1")), image.manifest());

    Path layout = dir.resolve("layout");
    Skopeo.create()
        .copy(
            registry.dockerReference("interop/ours:v1"),
            "oci:" + layout + ":v1",
            SkopeoAccess.of(registry),
            SkopeoAccess.local(),
            "--preserve-digests");

    String index = Files.readString(layout.resolve("index.json"));
    assertThat(index).contains("\"digest\":\"" + image.digest() + "\"");
    assertThat(blob(layout, image.digest())).isEqualTo(image.manifest().bytes());
    for (Bytes blob : image.blobs()) {
      assertThat(blob(layout, blob.sha256())).isEqualTo(blob);
    }
  }

  @Test
  void pushedBySkopeo_registryKitPulls_identicalDigests(@TempDir Path dir) throws IOException {
    TestImage image = TestImages.image(32, 2, 40_000, true);
    Path layout = dir.resolve("layout");
    writeLayout(layout, image, "v1");

    Skopeo.create()
        .copy(
            "oci:" + layout + ":v1",
            registry.dockerReference("interop/theirs:v1"),
            SkopeoAccess.local(),
            SkopeoAccess.of(registry),
            "--preserve-digests");

    Repository repository = Repository.of(name, "interop/theirs");
    ManifestResponse pulled = client.getManifest(repository.tag(Tag.parse("v1")));
    assertThat(pulled.digest()).isEqualTo(image.digest());
    ImageManifest manifest = ManifestCodec.parseImageManifest(pulled.manifest());
    for (Descriptor d : manifest.references()) {
      try (InputStream in =
          client.openBlob(repository, d.digest(), d.size(), ProgressListener.NONE)) {
        assertThat(Bytes.readFrom(in).sha256()).isEqualTo(d.digest());
      }
    }
    assertThat(client.listTags(repository)).containsExactly(Tag.parse("v1"));
  }

  private static Bytes blob(Path layout, Digest digest) throws IOException {
    return Bytes.of(
        Files.readAllBytes(
            layout.resolve("blobs").resolve(digest.algorithm().prefix()).resolve(digest.hex())));
  }

  private static void writeLayout(Path layout, TestImage image, String tag) throws IOException {
    Path blobs = Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    for (Bytes blob : List.copyOf(image.blobs())) {
      Files.write(blobs.resolve(blob.sha256().hex()), blob.toByteArray());
    }
    Files.write(blobs.resolve(image.digest().hex()), image.manifest().bytes().toByteArray());
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + image.manifest().mediaType().value()
            + "\",\"digest\":\""
            + image.digest()
            + "\",\"size\":"
            + image.manifest().size()
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}");
  }
}
