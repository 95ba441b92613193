package dev.registrykit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.Layers;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RootFs;
import dev.registrykit.testkit.FakeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example's {@code main} so that none of them can rot. */
@Timeout(60)
class ExamplesTest {

  @Test
  void parseAndNormalize_tutorialNames_printsFullForms() throws Exception {
    String out = captureOut(() -> ParseAndNormalize.main(new String[0]));

    assertThat(out)
        .contains(
            "-> docker.io/library/alpine (registry docker.io, repository library/alpine, familiar alpine")
        .contains("-> docker.io/zavy86/figlet (registry docker.io, repository zavy86/figlet")
        .contains("-> localhost:5000/figlet (registry localhost:5000, repository figlet")
        .contains("pull registry.tld:1234/repository/image:latest");
  }

  @Test
  void parseAndNormalize_invalidName_reportedNotThrown() throws Exception {
    String out = captureOut(() -> ParseAndNormalize.main(new String[] {"UPPER"}));

    assertThat(out).startsWith("UPPER").contains("-> invalid: ").contains("lowercase");
  }

  @Test
  void inspectRemoteImage_seededImage_printsDigestIdAndLayers() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().start()) {
      Image image = seed(registry, "zavy86/figlet", "latest");

      String out =
          captureOut(
              () -> InspectRemoteImage.main(new String[] {registry.host() + "/zavy86/figlet"}));

      assertThat(out)
          .contains("Digest:        " + image.digest())
          .contains("Image ID:      " + image.id())
          .contains("Platform:      linux/amd64")
          .contains("Cmd:           [figlet]")
          .contains("Layer:         " + image.manifest().layers().get(0).digest())
          .contains("Layers:        1, ");
    }
  }

  @Test
  void copyImage_betweenTwoRegistries_sameDigest() throws Exception {
    try (FakeRegistry source = FakeRegistry.builder().start();
        FakeRegistry target = FakeRegistry.builder().start()) {
      Image image = seed(source, "figlet", "latest");

      String out =
          captureOut(
              () ->
                  CopyImage.main(
                      new String[] {source.host() + "/figlet", target.host() + "/figlet:v1"}));

      assertThat(out).contains(": Pushed").contains("Copied ").contains(image.digest().toString());
      assertThat(target.manifest("figlet", "v1")).contains(image.rawManifest());
    }
  }

  @Test
  void resolveTagToImageId_main_printsTheChain() throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().start()) {
      Image image = seed(registry, "figlet", "latest");

      String out =
          captureOut(() -> ResolveTagToImageId.main(new String[] {registry.host() + "/figlet"}));

      assertThat(out)
          .isEqualTo(
              registry.host()
                  + "/figlet:latest -> manifest "
                  + image.digest()
                  + " -> image ID "
                  + image.id().shortForm()
                  + "\n");
    }
  }

  @Test
  void buildFromClassesAndPush_onABaseInTheRegistry_mountsBaseAndPushesTwoLayers(@TempDir Path dir)
      throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().start()) {
      Image base = seed(registry, "library/eclipse-temurin", "17-jre");
      Path classes = dir.resolve("classes/com/example");
      Files.createDirectories(classes);
      Files.write(
          classes.resolve("Main.class"),
          new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
      Path libs = Files.createDirectories(dir.resolve("dependency"));
      Files.write(libs.resolve("lib-1.0.jar"), new byte[] {'P', 'K', 3, 4});
      String target = registry.host() + "/myapp:1.0";
      String[] args = {
        dir.resolve("classes").toString(),
        libs.toString(),
        target,
        registry.host() + "/library/eclipse-temurin:17-jre",
        "com.example.Main"
      };

      String first = captureOut(() -> BuildFromClassesAndPush.main(args));
      String second = captureOut(() -> BuildFromClassesAndPush.main(args));

      assertThat(first)
          .contains(": Mounted from library/eclipse-temurin")
          .contains("1.0: digest: ");
      assertThat(first.lines().filter(l -> l.endsWith(": Pushed"))).hasSize(3); // config + 2 layers
      // Reproducible: the second build is identical, so nothing is sent again.
      assertThat(second.lines().filter(l -> l.endsWith(": Layer already exists"))).hasSize(4);
      String digest =
          first.lines().filter(l -> l.startsWith("1.0: digest: ")).findFirst().orElseThrow();
      assertThat(second).contains(digest);
      var manifest =
          ManifestCodec.parseImageManifest(registry.manifest("myapp", "1.0").orElseThrow());
      assertThat(manifest.layers()).hasSize(3);
      assertThat(manifest.layers().get(0).digest())
          .isEqualTo(base.manifest().layers().get(0).digest());
    }
  }

  private static Image seed(FakeRegistry registry, String repository, String tag) throws Exception {
    Layer layer = Layers.gzip(Bytes.ofUtf8("a layer of " + repository));
    Image image =
        Images.of(
            ImageConfig.of(Platform.LINUX_AMD64)
                .withConfig(ContainerConfig.EMPTY.withCmd(List.of("figlet")))
                .withRootfs(RootFs.of(List.of(layer.diffId()))),
            List.of(layer));
    registry.putBlob(repository, image.rawConfig());
    try (InputStream in = layer.open()) {
      registry.putBlob(repository, Bytes.readFrom(in));
    }
    registry.putManifest(repository, image.rawManifest(), tag);
    return image;
  }

  /** The body of an example run. */
  interface Body {
    void run() throws Exception;
  }

  // Examples print to System.out, as a user's program would; tests in this class run one at a time.
  static String captureOut(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
