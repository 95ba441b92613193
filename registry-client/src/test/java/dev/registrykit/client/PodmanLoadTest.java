package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.archive.TaggedImage;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.interop.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code docker save} archive written by RegistryKit, from an image with zstd layers and from one
 * with gzip layers, is loaded by {@code podman load}: podman's image ID is the config digest and
 * its layers are the config's diff IDs. Podman runs rootful with the vfs driver and its own
 * temporary storage, so it needs no daemon, no overlay support and touches no other image store.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PodmanLoadTest {
  @TempDir Path tmp;

  @BeforeEach
  void requirePodman() throws Exception {
    Peers.requirePodman();
    Result info = podman("info", "--format", "{{.Store.GraphDriverName}}");
    // Installed but unable to run at all here (no user namespaces, no runtime): say why.
    Assumptions.assumeTrue(
        info.exitCode() == 0, () -> "podman cannot run on this machine: " + info.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zstd", "gzip"})
  void dockerArchive_isLoadedByPodman_withTheImageIdAndDiffIds(String algorithm) throws Exception {
    LayerCompression compression =
        algorithm.equals("zstd") ? LayerCompression.zstd(3) : LayerCompression.GZIP;
    Image image = image(compression);
    assertThat(image.layers())
        .extracting(Layer::mediaType)
        .containsOnly(
            algorithm.equals("zstd") ? MediaType.OCI_LAYER_ZSTD : MediaType.OCI_LAYER_GZIP);
    Path archive = tmp.resolve("app-" + algorithm + ".tar");
    DockerArchive.write(archive, TaggedImage.of(image, "localhost/app:" + algorithm));

    Result load = podman("load", "--input", archive.toString());
    assertThat(load.exitCode()).as(load.output()).isZero();

    Result inspect =
        podman(
            "image",
            "inspect",
            "--format",
            "{{.Id}} {{range .RootFS.Layers}}{{.}} {{end}}",
            "localhost/app:" + algorithm);
    assertThat(inspect.exitCode()).as(inspect.output()).isZero();
    List<String> expected = new ArrayList<>();
    expected.add(image.manifest().config().digest().hex());
    for (Digest diffId : image.config().rootfs().diffIds()) {
      expected.add(diffId.toString());
    }
    assertThat(List.of(inspect.output().strip().split(" "))).isEqualTo(expected);
  }

  private Image image(LayerCompression compression) throws IOException {
    ImageBuilder builder =
        ImageBuilder.fromScratch(Platform.LINUX_AMD64).entrypoint(List.of("/bin/app"));
    for (int layer = 0; layer < 2; layer++) {
      Path source = Files.createDirectories(tmp.resolve("src" + layer));
      for (int i = 0; i < 5; i++) {
        Files.writeString(
            source.resolve("file" + i + ".txt"),
            ("layer " + layer + " file " + i + " " + compression + "\n").repeat(200));
      }
      builder.addLayer(
          LayerBuilder.builder()
              .addDirectory(source, "/data" + layer)
              .compression(compression)
              .writeTo(tmp.resolve("layer" + layer)));
    }
    return builder.build();
  }

  private record Result(int exitCode, String output) {}

  /** Runs podman on its own storage under the test's directory, output and errors merged. */
  private Result podman(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Peers.podmanBinary().orElseThrow().toString());
    command.addAll(
        List.of(
            "--storage-driver",
            "vfs",
            "--root",
            tmp.resolve("podman-root").toString(),
            "--runroot",
            tmp.resolve("podman-run").toString(),
            "--events-backend",
            "none",
            "--cgroup-manager",
            "cgroupfs",
            "--log-level",
            "error"));
    command.addAll(List.of(args));
    Path output = tmp.resolve("podman.out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("podman " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
  }
}
