package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryKitApiWarmContenderTest {
  private final RegistryKitApiWarmContender contender = new RegistryKitApiWarmContender();

  @TempDir Path dir;
  private FakeRegistry registry;
  private Target.Running running;
  private BenchImage image;

  @BeforeEach
  void setUp() throws Exception {
    registry = FakeRegistry.start();
    running =
        new Target.Running() {
          @Override
          public String hostPort() {
            return registry.host();
          }

          @Override
          public Optional<Long> peakRssBytes() {
            return Optional.empty();
          }

          @Override
          public void close() {}
        };
    image = ImageGenerator.manyLayers(dir.resolve("image"), 3, 4096, 42);
  }

  @AfterEach
  void tearDown() {
    registry.close();
  }

  @Test
  void contenders_clientVsSkopeoScenario_includesWarmAndItsNameParses() {
    assertThat(PeerComparison.defaultContenders("client-vs-skopeo"))
        .contains("registrykit-api-warm");

    List<String> names = PeerComparison.list("registrykit-api-warm,skopeo");
    Contender parsed =
        PeerComparison.contender(
            names.get(0),
            Path.of("cli.jar"),
            List.of(),
            "push-pull",
            Path.of("script"),
            Path.of("api.jar"));

    assertThat(parsed).isInstanceOf(RegistryKitApiWarmContender.class);
    assertThat(parsed.name()).isEqualTo("registrykit-api-warm");
    assertThat(parsed.unavailableReason(Direction.PULL, image)).isEmpty();
    assertThat(parsed.needsPreparation()).isTrue();
  }

  @Test
  void push_warmUpThenTimedRun_pushesEveryRunInFullWithItsOwnClient() throws Exception {
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    Action warmUp = contender.preparation(Direction.PUSH, image, running, scratch);
    Action timed = contender.action(Direction.PUSH, image, running, scratch);

    assertThat(warmUp.body()).isPresent();
    assertThat(timed.body()).isPresent();
    assertThat(timed.display())
        .startsWith("(in-process) ClientPushPull.push(")
        .contains(registry.host() + "/bench/image:bench");
    warmUp.body().get().run();
    timed.body().get().run();

    assertThat(registry.repositories())
        .containsExactlyInAnyOrder(
            "bench/warmup-1", "bench/warmup-2", "bench/warmup-3", "bench/image");
    for (String repository : registry.repositories()) {
      assertThat(registry.blobs(repository))
          .hasSize(4); // 3 layers and the config, none mounted or skipped
    }
    assertThat(registry.manifest("bench/image", "bench")).isPresent();
    assertThat(registry.manifest("bench/image", image.manifestDigest())).isPresent();
  }

  @Test
  void pull_warmUpThenTimedRun_writesTheImageIntoScratchAndCleansUpWarmUps() throws Exception {
    ProcessMeter meter = ProcessMeter.detect(java.time.Duration.ofSeconds(30));
    Path scratch = Files.createDirectories(dir.resolve("scratch"));
    meter.measure(contender.action(Direction.PUSH, image, running, scratch), scratch);

    meter.measure(contender.preparation(Direction.PULL, image, running, scratch), scratch);
    Sample sample =
        meter.measure(contender.action(Direction.PULL, image, running, scratch), scratch);

    assertThat(Files.readString(scratch.resolve("layout/index.json")))
        .contains(image.manifestDigest());
    for (BenchImage.Blob layer : image.layers()) {
      assertThat(scratch.resolve("layout/blobs/sha256/" + layer.digest().substring(7)))
          .hasSameBinaryContentAs(layer.path());
    }
    assertThat(scratch.resolve("warmup-1")).doesNotExist();
    assertThat(sample.peakRssBytes()).isEmpty();
    assertThat(sample.cpu()).isPresent();
    assertThat(sample.cpu().get()).isPositive();
  }
}
