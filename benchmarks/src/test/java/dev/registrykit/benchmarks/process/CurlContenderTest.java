package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CurlContenderTest {
  private static final String BASE = "http://127.0.0.1:5000";

  private final CurlContender contender = new CurlContender();

  @TempDir Path dir;
  private Path scratch;
  private BenchImage small;
  private FakeRegistry registry;

  @BeforeEach
  void setUp() throws IOException {
    scratch = Files.createDirectories(dir.resolve("scratch"));
    small = ImageGenerator.manyLayers(dir.resolve("small"), 5, 4096, 42);
    registry = FakeRegistry.start();
  }

  @AfterEach
  void tearDown() {
    registry.close();
  }

  @Test
  void pullConfig_manyLayers_listsManifestConfigAndEveryLayerWithDistinctOutputs() {
    List<String[]> pairs = pairs(CurlContender.pullConfig(BASE, small, scratch));

    List<String> expectedUrls = new ArrayList<>();
    expectedUrls.add(BASE + "/v2/bench/image/manifests/bench");
    expectedUrls.add(BASE + "/v2/bench/image/blobs/" + small.config().digest());
    for (BenchImage.Blob layer : small.layers()) {
      expectedUrls.add(BASE + "/v2/bench/image/blobs/" + layer.digest());
    }
    assertThat(pairs).extracting(p -> p[0]).containsExactlyElementsOf(expectedUrls);
    assertThat(pairs)
        .extracting(p -> p[1])
        .doesNotHaveDuplicates()
        .allSatisfy(
            output -> assertThat(Path.of(output).getParent()).isEqualTo(scratch.resolve("pull")));
    assertThat(pairs.get(2)[1])
        .isEqualTo(
            scratch
                .resolve("pull/blob-" + small.layers().get(0).digest().replace(':', '-'))
                .toString());
  }

  @Test
  void pullConfig_layerListedTwice_isFetchedOnce() {
    BenchImage.Blob layer = small.layers().get(0);
    BenchImage repeated =
        new BenchImage(
            "2x",
            small.layout(),
            small.tag(),
            small.manifestDigest(),
            small.config(),
            List.of(layer, layer));

    assertThat(pairs(CurlContender.pullConfig(BASE, repeated, scratch))).hasSize(3);
  }

  @Test
  void pullConfig_quoteOrBackslashInPath_isEscaped() {
    String config = CurlContender.pullConfig(BASE, small, dir.resolve("a\"b\\c"));

    assertThat(config).contains("output = \"" + dir + "/a\\\"b\\\\c/pull/manifest.json\"\n");
  }

  @Test
  void action_pullManyLayers_isOneParallelCurlReadingTheConfigWithTheAcceptHeader()
      throws IOException {
    Action action = contender.action(Direction.PULL, small, running("127.0.0.1:5000"), scratch);

    assertThat(action.command())
        .startsWith("curl")
        .containsSubsequence("--parallel", "--parallel-max", "8")
        .containsSubsequence("-H", "Accept: application/vnd.oci.image.manifest.v1+json")
        .containsSubsequence("-K", scratch.resolve("curl-pull.conf").toString())
        .contains("-f", "-sS");
    assertThat(Files.readString(scratch.resolve("curl-pull.conf")))
        .isEqualTo(CurlContender.pullConfig(BASE, small, scratch));
    assertThat(scratch.resolve("pull")).isDirectory();
  }

  @Test
  void unavailableReason_manyLayers_pushIsNotCoveredPullIs() {
    assumeThat(CurlContender.onPath("curl")).as("curl installed").isTrue();

    assertThat(contender.unavailableReason(Direction.PUSH, small))
        .get()
        .asString()
        .contains("single-layer");
    assertThat(contender.unavailableReason(Direction.PULL, small)).isEmpty();
  }

  @Test
  void action_singleLayerPull_isStillOneGetOfTheBlob() throws IOException {
    assumeThat(CurlContender.onPath("curl")).as("curl installed").isTrue();
    BenchImage big = ImageGenerator.singleLayer(dir.resolve("big"), 4096, 7);

    assertThat(contender.unavailableReason(Direction.PUSH, big)).isEmpty();
    assertThat(contender.action(Direction.PULL, big, running("127.0.0.1:5000"), scratch).command())
        .containsExactly(
            "curl",
            "-sS",
            "-f",
            "-o",
            scratch.resolve("blob").toString(),
            BASE + "/v2/bench/image/blobs/" + big.layers().get(0).digest());
  }

  @Test
  void pull_manyLayersFromTheFake_writesManifestAndEveryBlobAndAsksForTheOciManifest()
      throws IOException {
    assumeThat(CurlContender.onPath("curl")).as("curl installed").isTrue();
    seed(small, Optional.empty());

    meter()
        .measure(
            contender.action(Direction.PULL, small, running(fakeHostPort()), scratch), scratch);

    assertThat(scratch.resolve("pull/manifest.json"))
        .hasSameBinaryContentAs(blobFile(small, small.manifestDigest()));
    assertThat(scratch.resolve("pull/blob-" + small.config().digest().replace(':', '-')))
        .hasSameBinaryContentAs(small.config().path());
    for (BenchImage.Blob layer : small.layers()) {
      assertThat(scratch.resolve("pull/blob-" + layer.digest().replace(':', '-')))
          .hasSameBinaryContentAs(layer.path());
    }
    List<RecordedExchange> manifestGets =
        registry.requests().stream().filter(r -> r.path().contains("/manifests/")).toList();
    assertThat(manifestGets).hasSize(1);
    assertThat(manifestGets.get(0).header("Accept"))
        .contains("application/vnd.oci.image.manifest.v1+json");
    assertThat(registry.requests()).hasSize(2 + small.layers().size());
  }

  @Test
  void pull_oneLayerMissingFromTheRegistry_failsTheRun() throws IOException {
    assumeThat(CurlContender.onPath("curl")).as("curl installed").isTrue();
    // The middle layer: with --parallel the failed transfer is neither the first nor the last.
    seed(small, Optional.of(small.layers().get(2)));
    Action action = contender.action(Direction.PULL, small, running(fakeHostPort()), scratch);

    assertThatThrownBy(() -> meter().measure(action, scratch))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("exit status 22");
  }

  /**
   * Puts the image's blobs (but {@code skipped}) and its manifest into the fake, bypassing HTTP.
   */
  private void seed(BenchImage image, Optional<BenchImage.Blob> skipped) throws IOException {
    registry.putBlob(Contender.REPOSITORY, Files.readAllBytes(image.config().path()));
    for (BenchImage.Blob layer : image.layers()) {
      if (skipped.map(s -> !s.equals(layer)).orElse(true)) {
        registry.putBlob(Contender.REPOSITORY, Files.readAllBytes(layer.path()));
      }
    }
    registry.putManifest(
        Contender.REPOSITORY,
        "application/vnd.oci.image.manifest.v1+json",
        Files.readAllBytes(blobFile(image, image.manifestDigest())),
        image.tag());
  }

  private static Path blobFile(BenchImage image, String digest) {
    return image.layout().resolve("blobs/sha256/" + digest.substring("sha256:".length()));
  }

  private String fakeHostPort() {
    return "127.0.0.1:" + registry.port();
  }

  private static ProcessMeter meter() {
    return ProcessMeter.detect(Duration.ofSeconds(30));
  }

  /** The config's {@code url}/{@code output} values, unquoted, in order. */
  private static List<String[]> pairs(String config) {
    List<String> lines = config.lines().toList();
    assertThat(lines.size() % 2).as("url/output pairs").isZero();
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += 2) {
      assertThat(lines.get(i)).startsWith("url = \"").endsWith("\"");
      assertThat(lines.get(i + 1)).startsWith("output = \"").endsWith("\"");
      pairs.add(new String[] {unquote(lines.get(i)), unquote(lines.get(i + 1))});
    }
    return pairs;
  }

  private static String unquote(String line) {
    return line.substring(line.indexOf('"') + 1, line.length() - 1);
  }

  private static Target.Running running(String hostPort) {
    return new Target.Running() {
      @Override
      public String hostPort() {
        return hostPort;
      }

      @Override
      public Optional<Long> peakRssBytes() {
        return Optional.empty();
      }

      @Override
      public void close() {}
    };
  }
}
