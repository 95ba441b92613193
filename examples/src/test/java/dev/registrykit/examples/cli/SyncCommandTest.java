package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.image.Image;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code registrykit sync FILE} and {@code copy --all-tags} between two fakes. */
@Timeout(60)
class SyncCommandTest {
  @TempDir Path tmp;
  private FakeRegistry source;
  private FakeRegistry destination;
  private Image one;
  private Image two;

  @BeforeEach
  void start() throws Exception {
    source = FakeRegistry.start();
    destination = FakeRegistry.start();
    one = SeedImages.image("one", 1);
    two = SeedImages.image("two", 1);
    SeedImages.seed(source, "app", "v1.0", one);
    SeedImages.seed(source, "app", "v1.1", two);
    SeedImages.seed(source, "app", "latest", two);
    SeedImages.seed(source, "tools", "dev", one);
  }

  @AfterEach
  void stop() {
    source.close();
    destination.close();
  }

  @Test
  void sync_yaml_copiesThenSkipsEverything() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("sync.yaml"),
            """
        sync:
          - source: %1$s/app
            destination: %2$s/mirror/app
            tags: '^v[0-9]+\\.[0-9]+$'
          - source: %1$s/tools
            destination: %2$s/mirror/tools
        """
                .formatted(source.host(), destination.host()));

    CliRun first = CliRun.of("sync", file.toString()).assertSuccess();
    CliRun second = CliRun.of("sync", file.toString()).assertSuccess();

    assertThat(first.stdout())
        .contains(
            "v1.0: copied " + one.digest(),
            "v1.1: copied " + two.digest(),
            source.host()
                + "/app -> "
                + destination.host()
                + "/mirror/app: 2 copied, 0 skipped, 0 failed",
            "1 copied, 0 skipped, 0 failed");
    assertThat(destination.tags("mirror/app")).containsExactlyInAnyOrder("v1.0", "v1.1");
    assertThat(destination.tags("mirror/tools")).containsExactly("dev");
    assertThat(second.stdout())
        .contains(
            "v1.0: skipped " + one.digest(),
            "2 skipped, 0 failed",
            "0 copied, 1 skipped, 0 failed");
  }

  @Test
  void sync_json_failedTag_exitCode1_othersCopied() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("sync.json"),
            "{\"sync\":[{\"source\":\""
                + source.host()
                + "/app\",\"destination\":\""
                + destination.host()
                + "/app\"}]}");
    destination.inject(Fault.status(400).on(Endpoint.END_7A).times(1));

    CliRun run = CliRun.of("sync", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("2 copied, 0 skipped, 1 failed")
        .containsPattern("(?m)^\\S+: failed");
    assertThat(run.stderr()).contains("1 of 3 tags failed to copy");
    assertThat(destination.tags("app")).hasSize(2);
  }

  @Test
  void sync_unknownField_isAUsageError() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("bad.yaml"),
            "sync:\n  - source: a/b\n    destination: c/d\n    tag: latest\n");

    CliRun run = CliRun.of("sync", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown field \"tag\"");
  }

  @Test
  void copyAllTags_withFilter() throws Exception {
    CliRun run =
        CliRun.of(
                "copy",
                "--all-tags",
                "--tags",
                "^v1\\.1$|latest",
                source.host() + "/app",
                destination.host() + "/copy/app")
            .assertSuccess();

    assertThat(run.stdout())
        .contains("v1.1: copied", "latest: copied", "2 copied, 0 skipped, 0 failed");
    assertThat(destination.tags("copy/app")).containsExactlyInAnyOrder("v1.1", "latest");
  }
}
