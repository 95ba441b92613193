package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.manifest.Descriptor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class TutorialImagesTest {

  @Test
  void build_twoJvms_identicalDigests() throws Exception {
    ChildJvm.Result child = ChildJvm.run(PrintTutorialDigests.class, List.of());
    assertThat(child.exitCode()).as(child.stderr()).isZero();

    String here = runHere();

    assertThat(child.stdout()).isEqualTo(here);
    assertThat(here.lines()).hasSize(6);
  }

  @Test
  void build_figletOnBase_sharesTheBaseLayerAndValidates(@TempDir Path work) throws Exception {
    TutorialImages images = TutorialImages.build(work);

    ImageValidator.validate(images.base());
    ImageValidator.validate(images.figlet());
    List<Descriptor> figletLayers = images.figlet().manifest().layers();
    assertThat(figletLayers).hasSize(2);
    assertThat(figletLayers.get(0)).isEqualTo(images.base().manifest().layers().get(0));
    assertThat(figletLayers.get(1).digest()).isEqualTo(images.figletLayer().digest());
    assertThat(images.figlet().config().config().entrypoint()).contains(List.of("figlet"));
    assertThat(images.figlet().config().rootfs().diffIds())
        .containsExactly(images.baseLayer().diffId(), images.figletLayer().diffId());
    assertThat(images.figlet().id()).isNotEqualTo(images.base().id());
  }

  private static String runHere() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      PrintTutorialDigests.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
