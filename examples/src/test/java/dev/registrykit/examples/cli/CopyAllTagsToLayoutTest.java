package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.image.Image;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy --all-tags REPOSITORY oci:DIR}: every tag as an entry of one OCI layout. */
@Timeout(120)
class CopyAllTagsToLayoutTest {
  @TempDir Path temp;
  private FakeRegistry source;
  private Image one;
  private Image two;

  @BeforeEach
  void start() throws Exception {
    source = FakeRegistry.builder().start();
    one = SeedImages.image("one", 2);
    two = SeedImages.image("two", 1);
    SeedImages.seed(source, "app", "v1.0", one);
    SeedImages.seed(source, "app", "v1.1", two);
    SeedImages.seed(source, "app", "latest", two);
    SeedImages.seed(source, "app", "dev", one);
  }

  @AfterEach
  void stop() {
    source.close();
  }

  @Test
  void everyTag_becomesARefName_blobsSharedAndSkippedTheSecondTime() throws Exception {
    Path layout = temp.resolve("layout");

    CliRun first =
        CliRun.of("copy", "--all-tags", source.host() + "/app", "oci:" + layout).assertSuccess();

    assertThat(first.stdout()).contains("4 copied, 0 skipped, 0 failed");
    OciLayout written = OciLayout.open(layout);
    Map<String, String> byName =
        written.index().manifests().stream()
            .collect(
                Collectors.toMap(
                    d -> d.annotations().get(OciLayout.REF_NAME), d -> d.digest().toString()));
    assertThat(byName)
        .isEqualTo(
            Map.of(
                "v1.0", one.digest().toString(),
                "dev", one.digest().toString(),
                "v1.1", two.digest().toString(),
                "latest", two.digest().toString()));
    for (Descriptor entry : written.index().manifests()) {
      assertThat(written.image(entry).layers()).isNotEmpty();
    }

    source.clearRequests();
    CliRun second =
        CliRun.of("copy", "--all-tags", source.host() + "/app", "oci:" + layout).assertSuccess();

    assertThat(second.stdout()).contains("0 copied, 4 skipped, 0 failed");
    List<RecordedExchange> blobReads =
        source.requests().stream().filter(r -> r.path().contains("/blobs/")).toList();
    assertThat(blobReads).isEmpty();

    Peers.requireSkopeo();
    String inspected =
        Skopeo.create().inspect("oci:" + layout + ":dev", SkopeoAccess.local(), "--raw").stdout();
    assertThat(inspected).isEqualTo(new String(one.rawManifest().bytes().toByteArray()));
  }

  @Test
  void aTagFilter_andAnExistingLayoutKeepsItsOtherEntries() throws Exception {
    Path layout = temp.resolve("layout");
    CliRun.of("copy", "--all-tags", source.host() + "/app", "oci:" + layout, "--tags", "^v1\\.0$")
        .assertSuccess();

    CliRun run =
        CliRun.of("copy", "--all-tags", source.host() + "/app", "oci:" + layout, "--tags", "^v")
            .assertSuccess();

    assertThat(run.stdout().lines()).contains("v1.0: skipped " + one.digest());
    assertThat(run.stdout().lines()).contains("v1.1: copied " + two.digest());
    assertThat(OciLayout.open(layout).refNames()).containsExactlyInAnyOrder("v1.0", "v1.1");
  }

  @Test
  void referrers_intoALayout_isAUsageError() {
    CliRun run =
        CliRun.of(
            "copy",
            "--all-tags",
            source.host() + "/app",
            "oci:" + temp.resolve("l"),
            "--referrers");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
