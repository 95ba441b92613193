package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.artifact.ArtifactFile;
import dev.registrykit.client.artifact.ArtifactOptions;
import dev.registrykit.client.artifact.Artifacts;
import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.Referrer;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An artifact attached to an image on the real Distribution registry, which has no referrers API:
 * the push records it in the fallback tag, where the referrers listing finds it again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ArtifactsDistributionTest extends PlainDistributionTestBase {
  @TempDir Path temp;

  @Test
  void artifactWithSubject_isListedThroughTheFallbackTag_andPullsBack() throws IOException {
    GeneratedImage image = RandomImages.image(43, 1, 2000);
    Repository repository = Repository.parse(registry.hostPort() + "/attached/app");
    Remote.push(
        client, image.asImage(), repository.tag(Tag.parse("v1")), TransferOptions.defaults());
    Descriptor subject =
        client.getManifest(repository.tag(Tag.parse("v1"))).manifest().descriptor();
    Path notes = Files.createDirectories(temp.resolve("in/notes")).resolve("release.md");
    Files.writeString(notes, "release notes\n");

    Descriptor pushed =
        Artifacts.push(
            client,
            ImageReference.of(repository, Tag.parse("notes")),
            List.of(ArtifactFile.of(notes, "notes/release.md")),
            ArtifactOptions.defaults()
                .withArtifactType("application/vnd.example.notes.v1")
                .withSubject(subject));

    assertThat(client.listTags(repository))
        .extracting(Tag::toString)
        .contains("sha256-" + subject.digest().hex());
    List<Referrer> found =
        ImageReferrers.list(client, repository.tag(Tag.parse("v1")), ReferrerFilter.ALL);
    assertThat(found).extracting(Referrer::digest).containsExactly(pushed.digest());
    assertThat(found.get(0).artifactType()).isEqualTo("application/vnd.example.notes.v1");

    Artifacts.PulledArtifact pulled =
        Artifacts.pull(client, repository.digest(pushed.digest()), temp.resolve("out"));
    assertThat(pulled.files()).hasSize(1);
    assertThat(Files.readString(temp.resolve("out/notes/release.md"))).isEqualTo("release notes\n");
  }
}
