package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LayerProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void plain_printsOnlyFinalLines() {
    LayerProgress progress = new LayerProgress(new Console(out, out, false, false));

    progress.state("aaa", "Preparing");
    progress.advance("aaa", "Pushing", 10, 100);
    progress.done("aaa", "Pushed");
    progress.done("bbb", "Mounted from library/alpine");

    assertThat(text()).isEqualTo("aaa: Pushed\nbbb: Mounted from library/alpine\n");
  }

  @Test
  void terminal_redrawsLinesInPlace() {
    LayerProgress progress = new LayerProgress(new Console(out, out, true, false));

    progress.state("aaa", "Preparing");
    progress.state("bbb", "Preparing");
    progress.advance("aaa", "Pushing", 50, 100);
    progress.done("aaa", "Pushed");

    String text = text();
    assertThat(text).startsWith("aaa: Preparing\nbbb: Preparing\n");
    // aaa is two lines up from the cursor
    assertThat(text).contains("\033[2A\r\033[2Kaaa: Pushing [========================>");
    assertThat(text).endsWith("\033[2A\r\033[2Kaaa: Pushed\r\033[2B");
  }

  @Test
  void quiet_printsNothing() {
    LayerProgress progress = new LayerProgress(new Console(out, out, true, true));

    progress.state("aaa", "Preparing");
    progress.done("aaa", "Pushed");

    assertThat(text()).isEmpty();
  }

  @Test
  void bar_fullAndEmpty() {
    assertThat(LayerProgress.bar(0, 1000)).isEqualTo("[" + " ".repeat(50) + "]  0B/1kB");
    assertThat(LayerProgress.bar(1000, 1000)).isEqualTo("[" + "=".repeat(49) + ">]  1kB/1kB");
    assertThat(LayerProgress.shortId("sha256:0b83d017db6e1234567890")).isEqualTo("0b83d017db6e");
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
