package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --registries-conf}: mirrors, prefix rewrites, insecure and blocked registries from the
 * file, not flags.
 */
@Timeout(60)
class RegistriesConfCliTest {
  @TempDir Path dir;

  @Test
  void pull_throughAMirrorThatServesCorruptBlobs_endsWithTheRightBytesFromThePrimary()
      throws Exception {
    GeneratedImage image = RandomImages.image(31, 2, 2048);
    try (FakeRegistry primary = FakeRegistry.start();
        FakeRegistry mirror = FakeRegistry.start()) {
      image.pushTo(primary, "team/app", "1");
      image.pushTo(mirror, "team/app", "1");
      mirror.inject(Fault.wrongDigest().always());
      Path conf =
          Files.writeString(
              dir.resolve("registries.conf"),
              "[[registry]]\nprefix = \"example.com\"\nlocation = \""
                  + primary.host()
                  + "\"\ninsecure = true\n"
                  + "[[registry.mirror]]\nlocation = \""
                  + mirror.host()
                  + "\"\ninsecure = true\n");

      CliRun run =
          CliRun.of(
              "pull",
              "--registries-conf",
              conf.toString(),
              "example.com/team/app:1",
              dir.resolve("layout").toString());

      run.assertSuccess();
      assertThat(mirror.requests()).anyMatch(e -> e.path().contains("/blobs/"));
      for (var digest : image.blobs().keySet()) {
        assertThat(Files.exists(dir.resolve("layout/blobs/sha256/" + digest.hex()))).isTrue();
      }
    }
  }

  @Test
  void blockedInTheFile_refusedInOneLine() throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      Path conf =
          Files.writeString(
              dir.resolve("registries.conf"),
              "[[registry]]\nprefix = \"" + registry.host() + "\"\nblocked = true\n");

      CliRun run =
          CliRun.of("tags", "--registries-conf", conf.toString(), registry.host() + "/team/app");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.stderr()).contains("blocked").hasLineCount(1);
      assertThat(registry.requests()).isEmpty();
    }
  }

  @Test
  void brokenFile_namedInTheError() throws Exception {
    Path conf =
        Files.writeString(dir.resolve("registries.conf"), "[registries.search]\nregistries = []\n");

    CliRun run = CliRun.of("tags", "--registries-conf", conf.toString(), "localhost:1/a");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains(conf.toString(), "version 1");
  }
}
